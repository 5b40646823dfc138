#include "io/bgen/bgi_index.hpp"

#include <algorithm>
#include <memory>

#include <fmt/format.h>
#include <sqlite3.h>

#include "core/error.hpp"
#include "qc/chromosome.hpp"

namespace ridgeway {

namespace {

struct CloseDatabase {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct FinalizeStatement {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};

[[noreturn]] void fail(const std::string& bgi_path, const std::string& problem) {
    throw Error(ErrorKind::malformed, fmt::format("{}: {}", bgi_path, problem));
}

[[noreturn]] void stale(const std::string& bgi_path, const ReadOnlyFile& bgen, const std::string& problem) {
    throw Error(ErrorKind::inconsistent,
                fmt::format("{}: {}; the index does not belong to {} (rebuild it with bgenix -g {} -index -clobber, "
                            "or delete it)",
                            bgi_path, problem, bgen.path(), bgen.path()));
}

std::string text_column(sqlite3_stmt* statement, int column) {
    const auto* text = sqlite3_column_text(statement, column);
    return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text));
}

using Database = std::unique_ptr<sqlite3, CloseDatabase>;
using Statement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

Database open_index(const std::string& bgi_path) {
    sqlite3* raw_db = nullptr;
    const int opened = sqlite3_open_v2(bgi_path.c_str(), &raw_db, SQLITE_OPEN_READONLY, nullptr);
    Database db(raw_db);
    if (opened != SQLITE_OK)
        throw Error(ErrorKind::cannot_open,
                    fmt::format("{}: cannot open the index: {}", bgi_path, sqlite3_errstr(opened)));
    return db;
}

Statement prepare(sqlite3* db, const std::string& query, const std::string& bgi_path, const ReadOnlyFile& bgen) {
    sqlite3_stmt* raw_statement = nullptr;
    if (sqlite3_prepare_v2(db, query.c_str(), -1, &raw_statement, nullptr) != SQLITE_OK)
        fail(bgi_path,
             fmt::format("not a bgenix index ({}); rebuild it with bgenix -g {} -index -clobber, or delete it",
                         sqlite3_errmsg(db), bgen.path()));
    return Statement(raw_statement);
}

// sqlite3_step's last status: anything but the end of the rows means the index could not be read.
void check_finished(int status, sqlite3* db, const std::string& bgi_path) {
    if (status != SQLITE_DONE) fail(bgi_path, fmt::format("reading the index failed: {}", sqlite3_errmsg(db)));
}

const std::string kVariantColumns =
    "chromosome, position, rsid, number_of_alleles, allele1, allele2, file_start_position, size_in_bytes";

// One row of the Variant table, as the index states it; where the record lies is checked by the caller.
struct IndexRow {
    BgenRecord record;
    long long n_alleles = 0, start = 0, size = 0;
};

IndexRow read_row(sqlite3_stmt* statement) {
    IndexRow row;
    row.record.chrom = text_column(statement, 0);
    row.record.pos = sqlite3_column_int64(statement, 1);
    row.record.id = text_column(statement, 2);
    row.n_alleles = sqlite3_column_int64(statement, 3);
    row.record.first_allele = text_column(statement, 4);
    row.record.second_allele = text_column(statement, 5);
    row.start = sqlite3_column_int64(statement, 6);
    row.size = sqlite3_column_int64(statement, 7);
    return row;
}

// The row's record, once its place in the file has been checked; `where` names it in errors.
BgenRecord located_record(IndexRow row, const ReadOnlyFile& bgen, FileWindow& window, const std::string& where) {
    if (row.n_alleles != 2) reject_allele_count(where, static_cast<unsigned>(row.n_alleles));
    BgenRecord record = std::move(row.record);
    record.offset = static_cast<std::uint64_t>(row.start);
    record.size = static_cast<std::uint64_t>(row.size);
    if (record.id.empty() || record.id == ".") {
        // The index keeps no SNP id, the identifier to use instead of a missing rsid: read it from the record.
        const auto parsed = read_record_header(bgen, record.offset, record.size, window, where);
        record.id = std::string(record_id(parsed));
    }
    return record;
}

std::vector<BgenRecord> every_record(sqlite3* db, const std::string& bgi_path, const ReadOnlyFile& bgen,
                                     const BgenHeader& header) {
    const auto statement =
        prepare(db, "SELECT " + kVariantColumns + " FROM Variant ORDER BY file_start_position", bgi_path, bgen);
    std::vector<BgenRecord> records;
    FileWindow window;
    std::uint64_t expected_offset = header.first_variant_offset;
    int status = SQLITE_ROW;
    while ((status = sqlite3_step(statement.get())) == SQLITE_ROW) {
        const std::size_t v = records.size();
        if (v == header.n_variants)
            stale(bgi_path, bgen, fmt::format("it lists more variants than the {} of the file", header.n_variants));
        IndexRow row = read_row(statement.get());
        if (row.start < 0 || row.size <= 0 || static_cast<std::uint64_t>(row.start) != expected_offset ||
            static_cast<std::uint64_t>(row.size) > bgen.size() - expected_offset)
            stale(bgi_path, bgen,
                  fmt::format("variant {} ({}) is said to start at byte {} and take {} bytes, but the "
                              "previous variant ends at byte {} and the file has {} bytes",
                              v + 1, row.record.id, row.start, row.size, expected_offset, bgen.size()));
        const std::string where = record_position(bgen.path(), v, row.record.id);
        records.push_back(located_record(std::move(row), bgen, window, where));
        expected_offset += records.back().size;
    }
    check_finished(status, db, bgi_path);
    if (records.size() != header.n_variants || expected_offset != bgen.size())
        stale(bgi_path, bgen,
              fmt::format("it lists {} variants ending at byte {}, but the file holds {} variants and {} "
                          "bytes",
                          records.size(), expected_offset, header.n_variants, bgen.size()));
    return records;
}

// The distinct chromosome names, each found by one search of bgenix's primary key (chromosome, position, ...), so
// that listing them does not read the whole table.
std::vector<std::string> chromosome_names(sqlite3* db, const std::string& bgi_path, const ReadOnlyFile& bgen) {
    const auto statement = prepare(db,
                                   "WITH RECURSIVE names(name) AS (SELECT MIN(chromosome) FROM Variant UNION ALL "
                                   "SELECT (SELECT MIN(chromosome) FROM Variant WHERE chromosome > name) FROM names "
                                   "WHERE name IS NOT NULL) SELECT name FROM names WHERE name IS NOT NULL",
                                   bgi_path, bgen);
    std::vector<std::string> names;
    int status = SQLITE_ROW;
    while ((status = sqlite3_step(statement.get())) == SQLITE_ROW) names.push_back(text_column(statement.get(), 0));
    check_finished(status, db, bgi_path);
    return names;
}

// The records in `regions`, in file order. The file is not scanned, so only each record's bounds are checked here;
// its identifying data is checked against the index when its genotypes are read.
std::vector<BgenRecord> records_in(const GenomicRegions& regions, sqlite3* db, const std::string& bgi_path,
                                   const ReadOnlyFile& bgen, const BgenHeader& header) {
    const auto statement =
        prepare(db, "SELECT " + kVariantColumns + " FROM Variant WHERE chromosome = ?1 AND position BETWEEN ?2 AND ?3",
                bgi_path, bgen);
    std::vector<BgenRecord> records;
    FileWindow window;
    for (const auto& name : chromosome_names(db, bgi_path, bgen)) {
        for (const auto& interval : regions.on_chromosome(chromosome_code(name))) {
            sqlite3_reset(statement.get());
            sqlite3_bind_text(statement.get(), 1, name.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(statement.get(), 2, interval.first);
            sqlite3_bind_int64(statement.get(), 3, interval.last);
            int status = SQLITE_ROW;
            while ((status = sqlite3_step(statement.get())) == SQLITE_ROW) {
                IndexRow row = read_row(statement.get());
                const auto first = static_cast<long long>(header.first_variant_offset);
                const auto end = static_cast<long long>(bgen.size());
                if (row.start < first || row.size <= 0 || row.start > end || row.size > end - row.start)
                    stale(bgi_path, bgen,
                          fmt::format("variant {} ({}:{}) is said to start at byte {} and take {} bytes, but the "
                                      "variants lie from byte {} to {}",
                                      row.record.id, name, row.record.pos, row.start, row.size, first, end));
                const std::string where = fmt::format("{}, variant {} at {}:{}", bgen.path(), row.record.id, name,
                                                      row.record.pos);
                records.push_back(located_record(std::move(row), bgen, window, where));
            }
            check_finished(status, db, bgi_path);
        }
    }
    std::sort(records.begin(), records.end(),
              [](const BgenRecord& a, const BgenRecord& b) { return a.offset < b.offset; });
    return records;
}

}  // namespace

std::vector<BgenRecord> read_bgi_index(const std::string& bgi_path, const ReadOnlyFile& bgen, const BgenHeader& header,
                                       const GenomicRegions& regions) {
    const Database db = open_index(bgi_path);
    return regions.whole_genome() ? every_record(db.get(), bgi_path, bgen, header)
                                  : records_in(regions, db.get(), bgi_path, bgen, header);
}

}  // namespace ridgeway
