#pragma once
// The rows of one part of a split step 2 (`assoc --run-part`, see core/split_plan.hpp): <out>.part<i>.assoc holds, for
// each variant of the part's range in order, whether it passed the filters and, if so, its results for every trait,
// bit for bit; then a closing record with the part's times. `assoc --merge` replays them through the same result
// writers a single run uses, so the merged files are byte-identical to a single run's. The header carries the run's
// fingerprint and the range, so a part of another command line or plan is recognized. A rank of a distributed run
// writes its part in this format to memory and sends it to rank 0, which replays it likewise.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

#include "assoc/block_test.hpp"
#include "core/run_log.hpp"

namespace ridgeway {

struct Step2PartShape {
    std::uint64_t fingerprint = 0;
    std::uint64_t first = 0, count = 0;  // the part's variants, as a range of the selected variants
    std::uint64_t traits = 0;
};

class Step2PartWriter {
public:
    Step2PartWriter(std::string path, const Step2PartShape& shape);
    // Writes to `stream` (a distributed run's part in memory), named `name` in messages; finish() closes it.
    Step2PartWriter(std::string name, std::FILE* stream, const Step2PartShape& shape);
    ~Step2PartWriter();
    Step2PartWriter(const Step2PartWriter&) = delete;
    Step2PartWriter& operator=(const Step2PartWriter&) = delete;

    // The next variants' rows, in order.
    void append(const BlockResults& block);
    // The closing record; the file is complete and closed.
    void finish(const RunTimes& times);

private:
    std::string path_;
    std::FILE* file_ = nullptr;
    std::size_t traits_ = 0;
    std::uint64_t variants_ = 0;
    std::string buffer_;
};

// Hands the rows of the part file `path`, expected to have `shape`, to `replay` in order, in runs of consecutive
// variants (`first` their index among the selected variants); returns the part's times. A missing file, another
// fingerprint or range, or a file without all its rows and the closing record is an error naming the file.
RunTimes read_step2_part(const std::string& path, const Step2PartShape& shape,
                         const std::function<void(std::size_t first, const BlockResults& rows)>& replay);
// The same from an open stream (a rank's part received by a distributed run), `name` naming it in messages.
RunTimes read_step2_part(std::FILE* file, const std::string& name, const Step2PartShape& shape,
                         const std::function<void(std::size_t first, const BlockResults& rows)>& replay);

}  // namespace ridgeway
