#include "core/memory_budget.hpp"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

#include "core/error.hpp"

namespace ridgeway {

std::size_t resident_bytes() {
    std::FILE* file = std::fopen("/proc/self/statm", "r");
    if (file == nullptr) return 0;
    unsigned long pages = 0, resident = 0;
    const bool read = std::fscanf(file, "%lu %lu", &pages, &resident) == 2;
    std::fclose(file);
    return read ? resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE)) : 0;
}

void require_memory(std::size_t budget_mib, std::size_t needed, const std::string& what) {
    if (budget_mib == 0) return;
    constexpr double kMiB = 1024.0 * 1024.0;
    const std::size_t total = resident_bytes() + needed;
    if (total > budget_mib * (std::size_t{1} << 20))
        throw Error(ErrorKind::resources, fmt::format("--memory {}: {} needs about {:.0f} MiB; raise --memory", budget_mib,
                                                      what, total / kMiB));
}

}  // namespace ridgeway
