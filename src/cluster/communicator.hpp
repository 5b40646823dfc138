#pragma once
// The processes of a distributed run as ridgeway sees them: this process's rank among size(), bytes sent from one
// rank to another and taken there from one rank at a time, bytes rank 0 gives to every rank, and an abort that ends every rank. Only
// this layer calls MPI (mpi_communicator.cpp, built when CMake finds MPI); the models never do. A plain build, or an
// MPI build started without a launcher, is rank 0 of 1.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace ridgeway {

// What a rank's communication cost it so far.
struct TransferTally {
    std::uint64_t bytes_sent = 0, bytes_received = 0;
    double wait_seconds = 0;  // blocked in sends, receives and broadcasts, transfers included
};

// What was spent between `start` and `now` (two tallies of one rank).
TransferTally tally_between(const TransferTally& start, const TransferTally& now);

class Communicator {
public:
    virtual ~Communicator() = default;
    virtual int rank() const = 0;
    virtual int size() const = 0;
    // `bytes` for rank `rank` (another than this one), which takes them, in the order sent, with receive_from(this
    // rank). Blocks until `rank` has taken them.
    virtual void send_to(int rank, std::string_view bytes) = 0;
    void send_to_root(std::string_view bytes) { send_to(0, bytes); }
    // The next bytes `rank` sent to this rank; blocks until they arrive.
    virtual std::string receive_from(int rank) = 0;
    // Called by every rank at the same point: returns rank 0's `bytes` on every rank (the others' `bytes` are
    // ignored). Blocks until this rank's copy is complete.
    virtual std::string broadcast_from_root(std::string bytes) = 0;
    // Ends every rank of the run with `exit_code`: an error on one rank must not leave the others waiting for it.
    [[noreturn]] virtual void abort(int exit_code) = 0;

    const TransferTally& tally() const { return tally_; }

protected:
    TransferTally tally_;
};

// The run's communicator: MPI's (initialised here, finalised when it is destroyed) when built with MPI and started by
// an MPI launcher (mpirun, srun), else a single process.
std::unique_ptr<Communicator> start_communicator(int& argc, char**& argv);

}  // namespace ridgeway
