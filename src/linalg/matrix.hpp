#pragma once
// A dense column-major matrix of doubles, laid out as BLAS and LAPACK expect.
#include <algorithm>
#include <cstddef>
#include <vector>

namespace ridgeway {

class Matrix {
public:
    Matrix() = default;
    Matrix(std::size_t rows, std::size_t cols, double fill = 0.0) : rows_(rows), cols_(cols), data_(rows * cols, fill) {}

    std::size_t rows() const { return rows_; }
    std::size_t cols() const { return cols_; }
    double& operator()(std::size_t r, std::size_t c) { return data_[c * rows_ + r]; }
    double operator()(std::size_t r, std::size_t c) const { return data_[c * rows_ + r]; }
    double* column(std::size_t c) { return data_.data() + c * rows_; }
    const double* column(std::size_t c) const { return data_.data() + c * rows_; }
    double* data() { return data_.data(); }
    // A rows x cols matrix in the same storage, its values unspecified: buffers reused at one size allocate once.
    void reshape(std::size_t rows, std::size_t cols) {
        rows_ = rows;
        cols_ = cols;
        data_.resize(rows * cols);
    }
    // Keeps the first `cols` columns (for compacting in place).
    void truncate_columns(std::size_t cols) {
        cols_ = cols;
        data_.resize(rows_ * cols);
    }
    const double* data() const { return data_.data(); }

private:
    std::size_t rows_ = 0;
    std::size_t cols_ = 0;
    std::vector<double> data_;
};

// The rows `rows` of a matrix, in that order.
inline Matrix take_rows(const Matrix& matrix, const std::vector<std::size_t>& rows) {
    Matrix out(rows.size(), matrix.cols());
    for (std::size_t c = 0; c < matrix.cols(); ++c)
        for (std::size_t r = 0; r < rows.size(); ++r) out(r, c) = matrix(rows[r], c);
    return out;
}

// The columns `cols` of a matrix, in that order.
inline Matrix take_columns(const Matrix& matrix, const std::vector<std::size_t>& cols) {
    Matrix out(matrix.rows(), cols.size());
    for (std::size_t c = 0; c < cols.size(); ++c)
        std::copy(matrix.column(cols[c]), matrix.column(cols[c]) + matrix.rows(), out.column(c));
    return out;
}

}  // namespace ridgeway
