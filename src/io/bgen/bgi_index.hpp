#pragma once
// The variants of a .bgen file from its bgenix index (FILE.bgen.bgi, an SQLite database with the table
// Variant(chromosome, position, rsid, number_of_alleles, allele1, allele2, file_start_position, size_in_bytes)),
// which spares the scan of the whole file. The index must describe the file exactly: header.n_variants records
// back to back from the first variant to the end of the file; each record's identifying data is checked again
// when its genotypes are read.
// With regions (--chr, --range), only their variants are listed, in file order, by a search of the index on
// chromosome and position: neither the rest of the index nor the .bgen is read, so a region of a biobank-scale file
// opens at once. Chromosome names are matched by chromosome code ("01", "chr1" and "1" alike).
#include <string>
#include <vector>

#include "io/bgen/bgen_header.hpp"
#include "io/bgen/bgen_records.hpp"
#include "io/binary/read_only_file.hpp"
#include "qc/genomic_regions.hpp"

namespace ridgeway {

std::vector<BgenRecord> read_bgi_index(const std::string& bgi_path, const ReadOnlyFile& bgen, const BgenHeader& header,
                                       const GenomicRegions& regions);

}  // namespace ridgeway
