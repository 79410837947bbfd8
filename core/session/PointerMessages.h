#pragma once

#include "codecs/frame/Frame.h"
#include "core/capture/CursorState.h"
#include "core/protocol/PointerPdus.h"

#include <optional>

namespace baton {

// The host's pointer image as a T.128 "new pointer" (32 bpp with alpha, bottom-up, an
// all-zero AND mask); nullopt when the image is missing or larger than the PDU allows.
std::optional<protocol::PointerNewPdu> pointerShapePdu(const CursorState &cursor);

// The image a viewer draws for a new-pointer PDU, top-down BGRA (null for 1-bpp masks
// it does not render).
Frame pointerImageOf(const protocol::PointerNewPdu &pdu);

} // namespace baton
