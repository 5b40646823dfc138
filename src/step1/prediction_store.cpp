#include "step1/prediction_store.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "core/error.hpp"

namespace ridgeway {

PredictionStore::PredictionStore(std::size_t n_traits, std::size_t rows, std::size_t columns, bool in_memory,
                                 const std::string& spill_prefix)
    : rows_(rows), columns_(columns), in_memory_(in_memory) {
    if (in_memory_) {
        matrices_.assign(n_traits, Matrix(rows, columns));
        return;
    }
    path_ = spill_prefix + "-level0-XXXXXX";
    std::vector<char> name(path_.begin(), path_.end());
    name.push_back('\0');
    fd_ = ::mkstemp(name.data());
    if (fd_ < 0)
        throw Error(ErrorKind::cannot_open, path_ + ": cannot create the temporary file of the level-0 predictions");
    path_ = name.data();
    ::unlink(path_.c_str());  // the file lives only as long as the descriptor
}

PredictionStore::~PredictionStore() {
    if (fd_ >= 0) ::close(fd_);
}

void PredictionStore::put(std::size_t trait, std::size_t first_column, std::size_t count, const double* values) {
    if (in_memory_) {
        std::copy(values, values + rows_ * count, matrices_[trait].column(first_column));
        return;
    }
    const std::size_t bytes = rows_ * count * sizeof(double);
    const auto offset = static_cast<off_t>((trait * columns_ + first_column) * rows_ * sizeof(double));
    const char* data = reinterpret_cast<const char*>(values);
    for (std::size_t done = 0; done < bytes;) {
        ssize_t written = ::pwrite(fd_, data + done, bytes - done, offset + static_cast<off_t>(done));
        if (written <= 0)
            throw Error(ErrorKind::resources, std::string("writing the level-0 predictions to a temporary file failed: ") +
                                                  std::strerror(errno));
        done += static_cast<std::size_t>(written);
    }
}

Matrix PredictionStore::take(std::size_t trait) {
    if (in_memory_) return std::move(matrices_[trait]);
    Matrix w(rows_, columns_);
    const std::size_t bytes = rows_ * columns_ * sizeof(double);
    const auto offset = static_cast<off_t>(trait * bytes);
    char* data = reinterpret_cast<char*>(w.data());
    for (std::size_t done = 0; done < bytes;) {
        ssize_t got = ::pread(fd_, data + done, bytes - done, offset + static_cast<off_t>(done));
        if (got <= 0) throw Error(ErrorKind::resources, "reading the level-0 predictions back from the temporary file failed");
        done += static_cast<std::size_t>(got);
    }
    return w;
}

}  // namespace ridgeway
