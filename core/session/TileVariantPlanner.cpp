#include "TileVariantPlanner.h"

#include "core/protocol/SurfacePdus.h"

namespace baton {

using namespace protocol;

TileVariantPlanner::TileVariantPlanner(const TileLayout &layout)
    : lossless_(RegionEncoder::Format::Tiles, layout)
{
}

std::optional<uint8_t> TileVariantPlanner::videoCodec(const std::vector<PduBody> &pdus)
{
    for (const PduBody &pdu : pdus)
        if (const auto *video = std::get_if<VideoRegionUpdatePdu>(&pdu))
            return video->codecId;
    return std::nullopt;
}

PlannedUpdate TileVariantPlanner::plan(const FrameView &frame, const PlannedUpdate &update)
{
    Region pictures;
    for (const PduBody &pdu : update.pdus)
        if (const auto *video = std::get_if<VideoRegionUpdatePdu>(&pdu))
            pictures |= Region(Rect{video->x, video->y, video->width, video->height});
    PlannedUpdate variant;
    variant.region = update.region;
    bool placed = false;
    for (const PduBody &pdu : update.pdus) {
        if (!std::holds_alternative<VideoRegionUpdatePdu>(pdu)) {
            variant.pdus.push_back(pdu);
        } else if (!placed) {
            // Nothing else in the batch overlaps a video rectangle (UpdatePlanner::plan),
            // so the tiles may stand where the first picture stood, for all of them.
            lossless_.encode(frame, pictures.intersected(update.region), variant.pdus);
            placed = true;
        }
    }
    ++stats_.variants;
    return variant;
}

} // namespace baton
