#include "io/tables/sample_id_list.hpp"

#include "core/error.hpp"
#include "core/text_reader.hpp"

namespace ridgeway {

void SampleIdList::add(SampleId id, const TextReader& reader) {
    if (!seen_.insert(id.fid + '\t' + id.iid).second)
        throw Error(ErrorKind::malformed, reader.where("duplicate sample ID " + id.fid + " " + id.iid));
    samples_.push_back(std::move(id));
}

std::vector<SampleId> SampleIdList::take(const TextReader& reader, const std::string& kind) {
    if (samples_.empty()) throw Error(ErrorKind::malformed, reader.path() + ": the " + kind + " file lists no samples");
    seen_.clear();
    return std::move(samples_);
}

}  // namespace ridgeway
