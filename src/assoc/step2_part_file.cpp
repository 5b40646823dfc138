#include "assoc/step2_part_file.hpp"

#include <cstring>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "core/error.hpp"

namespace ridgeway {

namespace {

constexpr char kMagic[16] = "ridgeway-assoc";
// Each variant's record starts with one of these bytes; the closing record with the last.
constexpr char kFiltered = 0, kKept = 1, kFinished = 2;
constexpr std::size_t kReplayVariants = 256;

// The fields of an AssocResult, in a fixed layout without padding.
constexpr std::size_t kResultBytes = 3 * 8 + 8 * 8 + 2;

template <typename T>
void put(char*& out, T value) {
    std::memcpy(out, &value, sizeof value);
    out += sizeof value;
}

template <typename T>
T take(const char*& in) {
    T value;
    std::memcpy(&value, in, sizeof value);
    in += sizeof value;
    return value;
}

void encode(const AssocResult& r, char* out) {
    for (std::uint64_t count : {std::uint64_t{r.n}, std::uint64_t{r.n_cases}, std::uint64_t{r.n_controls}})
        put(out, count);
    for (double value : {r.a1_freq, r.info, r.beta, r.se, r.t, r.log10_p, r.a1_freq_cases, r.a1_freq_controls})
        put(out, value);
    put(out, static_cast<std::uint8_t>(r.error));
    put(out, static_cast<std::uint8_t>(r.test));
}

AssocResult decode(const char* in) {
    AssocResult r;
    r.n = take<std::uint64_t>(in);
    r.n_cases = take<std::uint64_t>(in);
    r.n_controls = take<std::uint64_t>(in);
    for (double* value : {&r.a1_freq, &r.info, &r.beta, &r.se, &r.t, &r.log10_p, &r.a1_freq_cases, &r.a1_freq_controls})
        *value = take<double>(in);
    r.error = static_cast<ErrorCode>(take<std::uint8_t>(in));
    r.test = static_cast<TestKind>(take<std::uint8_t>(in));
    return r;
}

}  // namespace

Step2PartWriter::Step2PartWriter(std::string path, const Step2PartShape& shape)
    : Step2PartWriter(path, std::fopen(path.c_str(), "wb"), shape) {}

Step2PartWriter::Step2PartWriter(std::string name, std::FILE* stream, const Step2PartShape& shape)
    : path_(std::move(name)), file_(stream), traits_(shape.traits) {
    if (file_ == nullptr) throw Error(ErrorKind::cannot_open, path_ + ": cannot create the part file");
    if (std::fwrite(kMagic, 1, sizeof kMagic, file_) != sizeof kMagic || std::fwrite(&shape, sizeof shape, 1, file_) != 1)
        throw Error(ErrorKind::resources, path_ + ": write failed (disk full?)");
}

Step2PartWriter::~Step2PartWriter() {
    if (file_ != nullptr) std::fclose(file_);
}

void Step2PartWriter::append(const BlockResults& block) {
    buffer_.resize(block.kept.size() * (1 + traits_ * kResultBytes));
    char* out = buffer_.data();
    for (std::size_t v = 0; v < block.kept.size(); ++v) {
        *out++ = block.kept[v] ? kKept : kFiltered;
        if (!block.kept[v]) continue;
        for (std::size_t t = 0; t < traits_; ++t, out += kResultBytes) encode(block.results[v * traits_ + t], out);
    }
    const auto bytes = static_cast<std::size_t>(out - buffer_.data());
    if (std::fwrite(buffer_.data(), 1, bytes, file_) != bytes)
        throw Error(ErrorKind::resources, path_ + ": write failed (disk full?)");
    variants_ += block.kept.size();
}

void Step2PartWriter::finish(const RunTimes& times) {
    const double values[2] = {times.wall, times.cpu};
    bool failed = std::fputc(kFinished, file_) == EOF || std::fwrite(&variants_, sizeof variants_, 1, file_) != 1 ||
                  std::fwrite(values, sizeof values, 1, file_) != 1;
    failed |= std::fclose(file_) != 0;
    file_ = nullptr;
    if (failed) throw Error(ErrorKind::resources, path_ + ": write failed (disk full?)");
}

RunTimes read_step2_part(const std::string& path, const Step2PartShape& shape,
                         const std::function<void(std::size_t first, const BlockResults& rows)>& replay) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
    if (!file) throw Error(ErrorKind::cannot_open, path + ": part file missing (run this part with --run-part first)");
    return read_step2_part(file.get(), path, shape, replay);
}

RunTimes read_step2_part(std::FILE* file, const std::string& path, const Step2PartShape& shape,
                         const std::function<void(std::size_t first, const BlockResults& rows)>& replay) {
    auto read = [&](void* data, std::size_t size) { return std::fread(data, 1, size, file) == size; };
    auto incomplete = [&](std::uint64_t done) {
        return Error(ErrorKind::malformed, fmt::format("{}: holds {} of the part's {} variants and no closing record; "
                                                       "run the part again", path, done, shape.count));
    };
    char magic[sizeof kMagic];
    Step2PartShape found;
    if (!read(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof magic) != 0 || !read(&found, sizeof found) ||
        std::memcmp(&found, &shape, sizeof shape) != 0)
        throw Error(ErrorKind::inconsistent,
                    path + ": belongs to another plan, command line or input files; run the part again");
    BlockResults rows;
    std::vector<char> record(shape.traits * kResultBytes);
    std::uint64_t done = 0;
    auto flush = [&] {
        if (!rows.kept.empty()) replay(shape.first + done - rows.kept.size(), rows);
        rows.kept.clear();
    };
    while (done < shape.count) {
        char kind = 0;
        if (!read(&kind, 1) || (kind != kKept && kind != kFiltered)) throw incomplete(done);
        if (rows.kept.empty()) rows.results.assign(kReplayVariants * shape.traits, AssocResult{});
        const std::size_t v = rows.kept.size();
        rows.kept.push_back(kind == kKept);
        if (kind == kKept) {
            if (!read(record.data(), record.size())) throw incomplete(done);
            for (std::size_t t = 0; t < shape.traits; ++t)
                rows.results[v * shape.traits + t] = decode(record.data() + t * kResultBytes);
        }
        ++done;
        if (rows.kept.size() == kReplayVariants) flush();
    }
    flush();
    char kind = 0;
    std::uint64_t count = 0;
    double times[2];
    if (!read(&kind, 1) || kind != kFinished || !read(&count, sizeof count) || count != shape.count ||
        !read(times, sizeof times))
        throw incomplete(done);
    return {times[0], times[1]};
}

}  // namespace ridgeway
