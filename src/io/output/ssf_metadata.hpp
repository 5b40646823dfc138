#pragma once
// The metadata file of a GWAS-SSF data file (`<data file>-meta.yaml`, keys from the GWAS Catalog's standard) and the
// MD5 of the finished data file that it names.
#include <cstddef>
#include <map>
#include <string>

#include "io/output/assoc_writer.hpp"

namespace ridgeway {

// What the metadata says about the data file itself, known once its rows are written.
struct SsfDataFile {
    std::string name;  // without its folder
    std::string md5;   // lowercase hex digest of the file's bytes
    bool sorted = true;  // rows in order of chromosome code, then position
    bool info = false;   // an `info` column (dosage genotypes)
    std::map<std::string, std::size_t> omitted;  // rows left out, by reason
};

// The lowercase hex MD5 of the bytes of `path`; a resources error naming `name` when it cannot be read.
std::string file_md5(const std::string& path, const std::string& name);

// The YAML text: what the run knows (trait, samples, covariates, software, data file), and NR ("not reported", the
// GWAS Catalog's value) for the keys the standard requires but ridgeway cannot know (genome assembly, genotyping
// technology, ancestry).
std::string ssf_metadata_yaml(const ResultFileSpec& spec, const SsfDataFile& file);

}  // namespace ridgeway
