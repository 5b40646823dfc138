#include "cli/distributed_run.hpp"

#include <algorithm>

#include "cli/split_run.hpp"
#include "core/error.hpp"

namespace ridgeway {

void check_distributed_command(const ParsedOptions& options, const Communicator& communicator) {
    if (communicator.size() == 1) return;
    const std::string& command = options.command();
    if (command != "step1" && command != "assoc" && command != "gwas" && command != "predict")
        throw Error(ErrorKind::usage, command + " runs in one process: start it without mpirun");
    if (command == "predict" && options.has("--model"))
        throw Error(ErrorKind::usage, "predict --model runs in one process: start it without mpirun");
    for (const char* option : {"--split", "--run-part", "--merge", "--resume"})
        if (options.has(option) || options.flag(option))
            throw Error(ErrorKind::usage, std::string(option) + " does not apply to a distributed run (more than one "
                                                                "MPI rank): its ranks compute the parts");
}

std::vector<PartRange> rank_parts(const std::vector<VariantBlock>& units, const Communicator& communicator) {
    return balanced_unit_parts(units, std::min<std::size_t>(communicator.size(), units.size()));
}

}  // namespace ridgeway
