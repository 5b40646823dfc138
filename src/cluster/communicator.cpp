#include "cluster/communicator.hpp"

#include <cstdlib>
#include <stdexcept>

#ifdef RIDGEWAY_HAVE_MPI
#include "cluster/mpi_communicator.hpp"
#endif

namespace ridgeway {

namespace {

class SingleProcess final : public Communicator {
public:
    int rank() const override { return 0; }
    int size() const override { return 1; }
    void send_to(int, std::string_view) override { throw std::logic_error("a single process has no other rank"); }
    std::string receive_from(int) override { throw std::logic_error("a single process has no other rank"); }
    std::string broadcast_from_root(std::string bytes) override { return bytes; }  // rank 0 is every rank
    [[noreturn]] void abort(int exit_code) override { std::exit(exit_code); }
};

#ifdef RIDGEWAY_HAVE_MPI
// Launchers announce a rank through the environment: Open MPI's mpirun, and PMI or PMIx (MPICH's hydra, Slurm's
// srun). Without one, MPI stays uninitialised, so a plain run of an MPI build starts as fast as a plain build's and
// needs no MPI runtime.
bool started_by_mpi_launcher() {
    for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
        if (std::getenv(variable) != nullptr) return true;
    return false;
}
#endif

}  // namespace

TransferTally tally_between(const TransferTally& start, const TransferTally& now) {
    return {now.bytes_sent - start.bytes_sent, now.bytes_received - start.bytes_received,
            now.wait_seconds - start.wait_seconds};
}

std::unique_ptr<Communicator> start_communicator([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
#ifdef RIDGEWAY_HAVE_MPI
    if (started_by_mpi_launcher()) return std::make_unique<MpiCommunicator>(argc, argv);
#endif
    return std::make_unique<SingleProcess>();
}

}  // namespace ridgeway
