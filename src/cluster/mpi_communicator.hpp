#pragma once
// The communicator of an MPI run (built only when CMake finds MPI). Only the main thread communicates
// (MPI_THREAD_FUNNELED): the worker threads of a rank compute, its main thread sends or receives the finished part.
#include "cluster/communicator.hpp"

namespace ridgeway {

class MpiCommunicator final : public Communicator {
public:
    MpiCommunicator(int& argc, char**& argv);  // MPI_Init_thread
    ~MpiCommunicator() override;               // MPI_Finalize
    MpiCommunicator(const MpiCommunicator&) = delete;
    MpiCommunicator& operator=(const MpiCommunicator&) = delete;

    int rank() const override { return rank_; }
    int size() const override { return size_; }
    void send_to(int rank, std::string_view bytes) override;
    std::string receive_from(int rank) override;
    std::string broadcast_from_root(std::string bytes) override;
    [[noreturn]] void abort(int exit_code) override;

private:
    int rank_ = 0, size_ = 1;
};

}  // namespace ridgeway
