#include "cluster/mpi_communicator.hpp"

#include <mpi.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "core/stopwatch.hpp"

namespace ridgeway {

namespace {

constexpr int kPartTag = 1;
// MPI counts are ints: a part or a broadcast (gigabytes at biobank scale) goes as its length, then in pieces of at
// most 1 GiB. One tag between one pair of ranks keeps them in order.
constexpr std::size_t kPiece = std::size_t{1} << 30;

}  // namespace

MpiCommunicator::MpiCommunicator(int& argc, char**& argv) {
    int provided = 0;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiCommunicator::~MpiCommunicator() { MPI_Finalize(); }

void MpiCommunicator::send_to(int rank, std::string_view bytes) {
    const Stopwatch clock;
    const std::uint64_t length = bytes.size();
    MPI_Send(&length, 1, MPI_UINT64_T, rank, kPartTag, MPI_COMM_WORLD);
    for (std::size_t done = 0; done < bytes.size(); done += kPiece)
        MPI_Send(bytes.data() + done, static_cast<int>(std::min(kPiece, bytes.size() - done)), MPI_BYTE, rank,
                 kPartTag, MPI_COMM_WORLD);
    tally_.bytes_sent += sizeof length + length;
    tally_.wait_seconds += clock.seconds();
}

std::string MpiCommunicator::receive_from(int rank) {
    const Stopwatch clock;
    std::uint64_t length = 0;
    MPI_Recv(&length, 1, MPI_UINT64_T, rank, kPartTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    std::string bytes(length, '\0');
    for (std::size_t done = 0; done < bytes.size(); done += kPiece)
        MPI_Recv(bytes.data() + done, static_cast<int>(std::min(kPiece, bytes.size() - done)), MPI_BYTE, rank,
                 kPartTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    tally_.bytes_received += sizeof length + length;
    tally_.wait_seconds += clock.seconds();
    return bytes;
}

std::string MpiCommunicator::broadcast_from_root(std::string bytes) {
    const Stopwatch clock;
    std::uint64_t length = bytes.size();
    MPI_Bcast(&length, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    bytes.resize(length);
    for (std::size_t done = 0; done < bytes.size(); done += kPiece)
        MPI_Bcast(bytes.data() + done, static_cast<int>(std::min(kPiece, bytes.size() - done)), MPI_BYTE, 0,
                  MPI_COMM_WORLD);
    // Counted as if rank 0 sent every other rank its copy: how MPI relays them (a tree, pipelined pieces) is its own.
    if (rank_ == 0) tally_.bytes_sent += (sizeof length + length) * static_cast<std::uint64_t>(size_ - 1);
    else tally_.bytes_received += sizeof length + length;
    tally_.wait_seconds += clock.seconds();
    return bytes;
}

void MpiCommunicator::abort(int exit_code) {
    MPI_Abort(MPI_COMM_WORLD, exit_code);
    std::_Exit(exit_code);  // MPI_Abort does not return; this keeps [[noreturn]] true if an implementation does
}

}  // namespace ridgeway
