#include "io/bgen/bgi_index.hpp"

#include <memory>

#include <fmt/format.h>
#include <sqlite3.h>

#include "core/error.hpp"

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

}  // namespace

std::vector<BgenRecord> read_bgi_index(const std::string& bgi_path, const ReadOnlyFile& bgen,
                                       const BgenHeader& header) {
    sqlite3* raw_db = nullptr;
    const int opened = sqlite3_open_v2(bgi_path.c_str(), &raw_db, SQLITE_OPEN_READONLY, nullptr);
    std::unique_ptr<sqlite3, CloseDatabase> db(raw_db);
    if (opened != SQLITE_OK)
        throw Error(ErrorKind::cannot_open,
                    fmt::format("{}: cannot open the index: {}", bgi_path, sqlite3_errstr(opened)));
    sqlite3_stmt* raw_statement = nullptr;
    const char* query =
        "SELECT chromosome, position, rsid, number_of_alleles, allele1, allele2, file_start_position, size_in_bytes "
        "FROM Variant ORDER BY file_start_position";
    if (sqlite3_prepare_v2(db.get(), query, -1, &raw_statement, nullptr) != SQLITE_OK)
        fail(bgi_path,
             fmt::format("not a bgenix index ({}); rebuild it with bgenix -g {} -index -clobber, or delete it",
                         sqlite3_errmsg(db.get()), bgen.path()));
    std::unique_ptr<sqlite3_stmt, FinalizeStatement> statement(raw_statement);

    std::vector<BgenRecord> records;
    FileWindow window;
    std::uint64_t expected_offset = header.first_variant_offset;
    int status = SQLITE_ROW;
    while ((status = sqlite3_step(statement.get())) == SQLITE_ROW) {
        const std::size_t v = records.size();
        if (v == header.n_variants)
            stale(bgi_path, bgen, fmt::format("it lists more variants than the {} of the file", header.n_variants));
        BgenRecord record;
        record.chrom = text_column(statement.get(), 0);
        record.pos = sqlite3_column_int64(statement.get(), 1);
        record.id = text_column(statement.get(), 2);
        const auto n_alleles = sqlite3_column_int64(statement.get(), 3);
        record.first_allele = text_column(statement.get(), 4);
        record.second_allele = text_column(statement.get(), 5);
        const auto start = sqlite3_column_int64(statement.get(), 6);
        const auto size = sqlite3_column_int64(statement.get(), 7);
        const std::string where = record_position(bgen.path(), v, record.id);
        if (start < 0 || size <= 0 || static_cast<std::uint64_t>(start) != expected_offset ||
            static_cast<std::uint64_t>(size) > bgen.size() - expected_offset)
            stale(bgi_path, bgen,
                  fmt::format("variant {} ({}) is said to start at byte {} and take {} bytes, but the "
                              "previous variant ends at byte {} and the file has {} bytes",
                              v + 1, record.id, start, size, expected_offset, bgen.size()));
        if (n_alleles != 2) reject_allele_count(where, static_cast<unsigned>(n_alleles));
        record.offset = expected_offset;
        record.size = static_cast<std::uint64_t>(size);
        if (record.id.empty() || record.id == ".") {
            // The index keeps no SNP id, the identifier to use instead of a missing rsid: read it from the record.
            const auto parsed = read_record_header(bgen, record.offset, record.size, window, where);
            record.id = std::string(record_id(parsed));
        }
        expected_offset += record.size;
        records.push_back(std::move(record));
    }
    if (status != SQLITE_DONE) fail(bgi_path, fmt::format("reading the index failed: {}", sqlite3_errmsg(db.get())));
    if (records.size() != header.n_variants || expected_offset != bgen.size())
        stale(bgi_path, bgen,
              fmt::format("it lists {} variants ending at byte {}, but the file holds {} variants and {} "
                          "bytes",
                          records.size(), expected_offset, header.n_variants, bgen.size()));
    return records;
}

}  // namespace ridgeway
