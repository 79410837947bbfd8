#include "PointerMessages.h"

#include <algorithm>
#include <cstring>

namespace baton {

using namespace protocol;

std::optional<PointerNewPdu> pointerShapePdu(const CursorState &cursor)
{
    const baton::Frame &image = cursor.image;
    if (image.isNull() || image.width() > ColorPointerAttribute::kMaxSidePx ||
        image.height() > ColorPointerAttribute::kMaxSidePx)
        return std::nullopt;
    PointerNewPdu pdu;
    pdu.xorBpp = 32;
    ColorPointerAttribute &attribute = pdu.attribute;
    attribute.width = uint16_t(image.width());
    attribute.height = uint16_t(image.height());
    attribute.hotSpotX = uint16_t(std::clamp(cursor.hotX, 0, image.width() - 1));
    attribute.hotSpotY = uint16_t(std::clamp(cursor.hotY, 0, image.height() - 1));
    const size_t rowBytes = size_t(image.width()) * 4;
    attribute.xorMask.resize(pointerXorMaskBytes(attribute.width, attribute.height, 32));
    for (int32_t y = 0; y < image.height(); ++y)
        std::memcpy(attribute.xorMask.data() + rowBytes * size_t(image.height() - 1 - y),
                    image.view().rowBytes(y).data(), rowBytes);
    attribute.andMask.assign(pointerAndMaskBytes(attribute.width, attribute.height), 0);
    return pdu;
}

baton::Frame pointerImageOf(const PointerNewPdu &pdu)
{
    const ColorPointerAttribute &attribute = pdu.attribute;
    if (pdu.xorBpp != 32 || attribute.width == 0 || attribute.height == 0 ||
        attribute.xorMask.size() != size_t(attribute.width) * attribute.height * 4)
        return {};
    baton::Frame image(attribute.width, attribute.height);
    const size_t rowBytes = size_t(attribute.width) * 4;
    for (int32_t y = 0; y < image.height(); ++y)
        std::memcpy(image.mutableView().row(y).data(),
                    attribute.xorMask.data() + rowBytes * size_t(image.height() - 1 - y), rowBytes);
    return image;
}

} // namespace baton
