#include "cluster/part_exchange.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/memory_stream.hpp"
#include "core/run_log.hpp"
#include "core/stopwatch.hpp"

namespace ridgeway {

namespace {

std::string mebibytes(std::uint64_t bytes) { return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1 << 20)); }

}  // namespace

PartExchange::PartExchange(Communicator& communicator, std::size_t parts, const TransferTally& since)
    : communicator_(communicator), parts_(parts), since_(since),
      work_(communicator.rank() == 0 ? communicator.size() : 1) {}

void PartExchange::compute(std::uint64_t units, const std::function<void(std::FILE*)>& compute) {
    const Stopwatch clock;
    MemoryStream stream;
    compute(stream.file());
    own_part_ = stream.bytes();
    work_[0].units = units;
    work_[0].compute_seconds = clock.seconds();
}

void PartExchange::send() {
    if (has_part()) communicator_.send_to_root(own_part_);
    own_part_ = std::string();
    RankWork& mine = work_[0];
    mine.transfers = tally_between(since_, communicator_.tally());
    // The record is sent after its tally was taken, so its few bytes are not in it.
    if (has_part()) communicator_.send_to_root(std::string_view(reinterpret_cast<const char*>(&mine), sizeof mine));
}

std::string PartExchange::take(std::size_t part) {
    std::string bytes;
    if (part == 0) {
        bytes = std::move(own_part_);
    } else {
        const int rank = static_cast<int>(part);
        bytes = communicator_.receive_from(rank);
        const std::string record = communicator_.receive_from(rank);
        if (record.size() != sizeof(RankWork))
            throw Error(ErrorKind::inconsistent, fmt::format("rank {} sent a malformed record of its work", rank));
        std::memcpy(&work_[part], record.data(), sizeof(RankWork));
    }
    // Rank 0's transfers for the parts end with the last one (level 1 of step 1 logs its own afterwards).
    if (part + 1 == parts_) work_[0].transfers = tally_between(since_, communicator_.tally());
    return bytes;
}

void PartExchange::log_ranks(RunLog& log, const std::string& unit) const {
    const RankWork& root = work_[0];
    double total = 0, slowest = 0;
    log.info(fmt::format("Distributed run: {} MPI ranks, {} parts of {}", communicator_.size(), parts_, unit));
    for (int r = 0; r < communicator_.size(); ++r) {
        const RankWork& work = r == 0 ? root : work_[r];
        if (static_cast<std::size_t>(r) >= parts_) {
            log.info(fmt::format("  rank {}: no part (more ranks than units of work)", r));
            continue;
        }
        log.info(fmt::format("  rank {}: {} {}, compute {:.2f} s, waited {:.2f} s, sent {}, received {}", r, work.units,
                             unit, work.compute_seconds, work.transfers.wait_seconds,
                             mebibytes(work.transfers.bytes_sent), mebibytes(work.transfers.bytes_received)));
        total += work.compute_seconds;
        slowest = std::max(slowest, work.compute_seconds);
    }
    log.info(fmt::format("  imbalance (slowest rank's compute time / mean): {:.2f}",
                         total > 0 ? slowest / (total / static_cast<double>(parts_)) : 1.0));
}

}  // namespace ridgeway
