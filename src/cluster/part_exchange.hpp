#pragma once
// The parts of a distributed run: rank r computes part r (what `--run-part r+1` of a split run computes) into memory
// in the part-file format, and sends it to rank 0, which takes the parts in rank order as its merge reads them and
// then writes the final files. No number is combined across ranks, so the results are those of one process, byte
// for byte. Rank 0 holds one received part at a time (besides what the merge builds from it).
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "cluster/communicator.hpp"

namespace ridgeway {

class RunLog;

// What one rank did, for rank 0's log.
struct RankWork {
    std::uint64_t units = 0;  // of its part
    double compute_seconds = 0;
    TransferTally transfers;
};

class PartExchange {
public:
    // `parts` (1 .. size) parts for the communicator's ranks; ranks from `parts` on have none. The ranks' lines
    // count the transfers since `since`, a tally of this rank taken when the phase began (so `gwas` reports its
    // two steps apart, the broadcast between them in step 2's).
    PartExchange(Communicator& communicator, std::size_t parts, const TransferTally& since);

    bool has_part() const { return static_cast<std::size_t>(communicator_.rank()) < parts_; }
    // Computes this rank's part of `units` units: `compute` writes its records to the stream it is given and closes
    // it.
    void compute(std::uint64_t units, const std::function<void(std::FILE*)>& compute);
    // On a rank other than 0: sends its part, then what it did, to rank 0.
    void send();
    // On rank 0: the bytes of part `part` (its own for part 0), received from that rank now.
    std::string take(std::size_t part);
    // On rank 0, once every part was taken: one line per rank (its units, compute and wait time, bytes moved until
    // its part was sent or, for rank 0, the last part taken) and the imbalance of the compute times.
    void log_ranks(RunLog& log, const std::string& unit) const;

private:
    Communicator& communicator_;
    std::size_t parts_;
    TransferTally since_;
    std::string own_part_;
    std::vector<RankWork> work_;  // on rank 0, per rank; on another, its own at [0]
};

}  // namespace ridgeway
