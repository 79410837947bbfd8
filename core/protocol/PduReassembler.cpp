#include "core/protocol/PduReassembler.h"

#include <algorithm>

namespace baton::protocol {

Result<std::optional<PduReassembler::Completed>>
PduReassembler::add(uint16_t source, uint32_t shareId, const FragmentPdu &fragment)
{
    const auto found = std::find_if(partials_.begin(), partials_.end(), [&](const Partial &p) {
        return p.source == source && p.payloadId == fragment.payloadId;
    });
    size_t slot = size_t(std::distance(partials_.begin(), found));
    if (fragment.index == 0) {
        if (found != partials_.end())
            return ProtocolError{ErrorCode::BadValue, 0, "fragment payload id already in use"};
        if (partials_.size() >= limits_.maxPayloadsInFlight)
            return ProtocolError{ErrorCode::TooLarge, 0, "fragmented payloads in flight"};
        partials_.push_back({source,
                             fragment.payloadId,
                             fragment.innerPduType2,
                             fragment.count,
                             0,
                             shareId,
                             fragment.totalLength,
                             {}});
        slot = partials_.size() - 1;
    } else if (found == partials_.end()) {
        return ProtocolError{ErrorCode::BadValue, 0, "fragment of a payload never begun"};
    }
    Partial &partial = partials_[slot];

    if (fragment.index != partial.nextIndex || fragment.count != partial.count ||
        fragment.innerPduType2 != partial.pduType2 || fragment.totalLength != partial.totalLength ||
        shareId != partial.shareId)
        return ProtocolError{ErrorCode::BadValue, 0, "fragment out of sequence"};
    if (fragment.chunk.size() > partial.totalLength - partial.data.size())
        return ProtocolError{ErrorCode::LengthMismatch, 0, "fragments exceed totalLength"};
    if (fragment.chunk.size() > limits_.maxBufferedBytes - bufferedBytes_)
        return ProtocolError{ErrorCode::TooLarge, 0, "reassembly memory"};

    partial.data.insert(partial.data.end(), fragment.chunk.begin(), fragment.chunk.end());
    bufferedBytes_ += fragment.chunk.size();
    ++partial.nextIndex;
    if (partial.nextIndex < partial.count)
        return std::optional<Completed>();
    if (partial.data.size() != partial.totalLength)
        return ProtocolError{ErrorCode::LengthMismatch, 0, "fragments short of totalLength"};

    Completed done{partial.pduType2, partial.shareId, std::move(partial.data)};
    bufferedBytes_ -= done.body.size();
    partials_.erase(partials_.begin() + std::ptrdiff_t(slot));
    return std::optional<Completed>(std::move(done));
}

void PduReassembler::clear()
{
    partials_.clear();
    bufferedBytes_ = 0;
}

} // namespace baton::protocol
