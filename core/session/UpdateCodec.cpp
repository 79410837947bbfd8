#include "UpdateCodec.h"

#include <array>
#include <utility>

namespace baton {

namespace {

constexpr std::array<std::pair<UpdateCodec, std::string_view>, 5> kNames{{
    {UpdateCodec::Auto, "auto"},
    {UpdateCodec::Lossless, "lossless"},
    {UpdateCodec::T128, "t128"},
    {UpdateCodec::H264, "h264"},
    {UpdateCodec::Av1, "av1"},
}};

} // namespace

std::optional<UpdateCodec> parseUpdateCodec(std::string_view name)
{
    for (const auto &[codec, text] : kNames)
        if (text == name)
            return codec;
    return std::nullopt;
}

const char *toString(UpdateCodec codec)
{
    for (const auto &[value, text] : kNames)
        if (value == codec)
            return text.data();
    return "?";
}

} // namespace baton
