#pragma once
// The variants of a .bgen file: each record's identifying data (identifiers, chromosome, position, alleles) and
// where the record lies in the file. Listed by scanning the file (records are read one after another, their
// genotype blocks skipped) or from a .bgi index (bgi_index.hpp).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/bgen/bgen_header.hpp"
#include "io/binary/byte_cursor.hpp"
#include "io/binary/read_only_file.hpp"

namespace ridgeway {

struct BgenRecord {
    std::string chrom;
    std::string id;  // the rsid, or the SNP id when the rsid is empty or '.'
    long long pos = 0;
    std::string first_allele;
    std::string second_allele;
    std::uint64_t offset = 0;  // of the record's first byte
    std::uint64_t size = 0;    // the whole record, genotype block included
};

// A record's identifying data, viewing the bytes it was parsed from.
struct BgenRecordHeader {
    std::string_view snp_id, rsid, chrom;
    std::uint32_t pos = 0;
    std::uint16_t n_alleles = 0;
    std::string_view alleles[2];       // filled when n_alleles == 2
    std::uint32_t genotype_bytes = 0;  // the genotype block's length (C), which follows the header
    std::size_t header_bytes = 0;      // from the record's start to its genotype block
};

// Parses a record's identifying data and the genotype block's length. False when the bytes end first (the cursor
// has overrun). Stops after the allele count when it is not 2: only biallelic variants are read.
bool parse_record_header(ByteCursor& cursor, BgenRecordHeader& header);

// "FILE, variant N (ID)", N counted from 1: the start of every error message about one record.
std::string record_position(const std::string& path, std::size_t index, std::string_view id);

// The identifier a record is known by: its rsid, or its SNP id when the rsid is empty or '.'.
std::string_view record_id(const BgenRecordHeader& header);

// Throws the error for a variant without exactly 2 alleles.
[[noreturn]] void reject_allele_count(const std::string& where, unsigned n_alleles);

// Every record, read from the file: exactly header.n_variants of them, ending at the end of the file.
std::vector<BgenRecord> scan_bgen_records(const ReadOnlyFile& file, const BgenHeader& header);

// Bytes of a file from `start`, kept between calls of read_record_header so that records read in file order
// are parsed from the bytes already read.
struct FileWindow {
    std::uint64_t start = 0;
    std::vector<std::uint8_t> bytes;
};

// The identifying data of the record at `offset` (`size` bytes long at most); `where` names the record in errors.
// The views stay valid until the next call with the same window.
BgenRecordHeader read_record_header(const ReadOnlyFile& file, std::uint64_t offset, std::uint64_t size,
                                    FileWindow& window, const std::string& where);

}  // namespace ridgeway
