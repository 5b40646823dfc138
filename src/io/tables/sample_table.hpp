#pragma once
// Phenotype and covariate tables: a header `FID IID ...` (also `#FID IID ...` or `#IID ...`/`IID ...` without family
// IDs), whitespace-, tab- or comma-separated, one row per sample. Cells are kept as text; the callers decide what is
// numeric.
#include <string>
#include <vector>

#include "io/genotype_source.hpp"

namespace ridgeway {

struct SampleTable {
    std::string path;
    bool has_fid = true;
    std::vector<std::string> columns;  // the data columns, after FID/IID
    std::vector<SampleId> ids;          // fid is empty when has_fid is false
    std::vector<std::size_t> line_numbers;
    std::vector<std::vector<std::string>> cells;  // cells[row][column]

    std::size_t column_index(const std::string& name) const;  // npos when absent
};

SampleTable read_sample_table(const std::string& path);

// Expands "A,B,PC1-PC5" against the table's columns, in the order given; an empty spec means every column.
// Unknown names are an inconsistent-input error naming `option` and listing the columns that exist.
std::vector<std::size_t> select_columns(const SampleTable& table, const std::string& spec, const std::string& option);

}  // namespace ridgeway
