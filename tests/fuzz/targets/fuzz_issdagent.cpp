// What the ISSD agent parses beyond the line syntax: EDID blocks from monitors, mode
// and property values from SET, ddcutil's output, the secret store file, SUBSCRIBE's
// arguments. The first byte picks the parser; the rest is its input.
#include "core/display/DisplayTypes.h"
#include "core/display/Edid.h"
#include "core/display/ddc/DdcutilControl.h"
#include "core/issd/IssdArguments.h"
#include "core/issd/IssdSecretStore.h"
#include "core/issd/IssdSubscriptions.h"

#include <cstddef>
#include <cstdint>

using namespace baton;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 8192)
        return 0;
    const std::span<const quint8> input(data + 1, size - 1);
    const QByteArray bytes(reinterpret_cast<const char *>(input.data()), qsizetype(input.size()));
    switch (data[0] % 5) {
    case 0: {
        if (const auto edid = display::Edid::parse(input)) {
            if (edid->manufacturer.size() != 3 || edid->stableId().size() != 17)
                __builtin_trap();
        }
        break;
    }
    case 1: {
        const QString text = QString::fromUtf8(bytes);
        if (const auto mode = display::DisplayMode::parse(text)) {
            // What parses prints back into something that parses to the same mode.
            const auto again = display::DisplayMode::parse(mode->toString());
            if (!again || again->width != mode->width || again->height != mode->height ||
                !again->matches(*mode, true))
                __builtin_trap();
        }
        break;
    }
    case 2: {
        if (const auto value = display::DdcutilControl::parseTerseValue(QString::fromUtf8(bytes))) {
            if (value->current < 0 || value->maximum < 0)
                __builtin_trap();
        }
        break;
    }
    case 3: {
        QString error;
        if (const auto store = issd::IssdSecretStore::parse(bytes, &error)) {
            const auto again = issd::IssdSecretStore::parse(store->serialize(), &error);
            if (!again)
                __builtin_trap();
        } else if (error.isEmpty()) {
            __builtin_trap();
        }
        break;
    }
    default: {
        issd::ParseError error;
        const auto text = issd::decodeLine(bytes, &error);
        if (const auto args = text ? issd::Arguments::parse(*text, &error) : std::nullopt)
            (void)issd::IssdSubscriptions::parse(*args);
        break;
    }
    }
    return 0;
}
