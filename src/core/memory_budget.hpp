#pragma once
// The --memory budget: what the process holds already, and the one error every command gives, before the work
// starts, when the budget cannot hold what it needs.
#include <cstddef>
#include <string>

namespace ridgeway {

// Memory the process holds already (libraries, variant metadata, tables), from /proc; 0 where unavailable.
std::size_t resident_bytes();

// Throws an out-of-resources error naming `what` when `needed` bytes on top of what the process holds exceed
// `budget_mib` (0 means no budget).
void require_memory(std::size_t budget_mib, std::size_t needed, const std::string& what);

}  // namespace ridgeway
