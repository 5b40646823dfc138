#include "predict/gram_part_file.hpp"

#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "core/error.hpp"

namespace ridgeway {

namespace {

constexpr char kMagic[16] = "ridgeway-gram";

}  // namespace

void write_gram_part(const std::string& path, const GramPartShape& shape,
                     const std::function<bool(std::FILE*)>& write_values) {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) throw Error(ErrorKind::cannot_open, path + ": cannot create the part file");
    bool written = std::fwrite(kMagic, 1, sizeof kMagic, file) == sizeof kMagic &&
                   std::fwrite(&shape, sizeof shape, 1, file) == 1 && write_values(file);
    written = std::fclose(file) == 0 && written;
    if (!written) throw Error(ErrorKind::resources, path + ": write failed (disk full?)");
}

std::string read_gram_part(const std::string& path, const GramPartShape& shape, std::size_t bytes) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
    if (!file) throw Error(ErrorKind::cannot_open, path + ": part file missing (run this part with --run-part first)");
    char magic[sizeof kMagic];
    GramPartShape found;
    if (std::fread(magic, 1, sizeof magic, file.get()) != sizeof magic || std::memcmp(magic, kMagic, sizeof magic) != 0 ||
        std::fread(&found, sizeof found, 1, file.get()) != 1 || std::memcmp(&found, &shape, sizeof shape) != 0)
        throw Error(ErrorKind::inconsistent,
                    path + ": belongs to another plan, command line or input files; run the part again");
    // One byte more than the values, to tell a file with extra bytes from a complete one.
    std::string values(bytes + 1, '\0');
    const std::size_t read = std::fread(values.data(), 1, values.size(), file.get());
    if (read != bytes)
        throw Error(ErrorKind::malformed, fmt::format("{}: holds {}{} bytes of training products where the part has {}; "
                                                      "run the part again", path, read > bytes ? "more than " : "",
                                                      read > bytes ? bytes : read, bytes));
    values.resize(bytes);
    return values;
}

}  // namespace ridgeway
