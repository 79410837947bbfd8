#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/frame/PixelFormat.h"
#include "codecs/frame/Rect.h"
#include "codecs/frame/Region.h"

#include <QString>

#include <cstdint>
#include <optional>

struct spa_buffer;
struct spa_data;

namespace baton {

// The persistent BGRA picture of a PipeWire screen cast stream (PipeWireStream) and its
// damage: each new buffer's picture, the crop's rectangle of it, is copied in only where
// the producer's damage says it changed (all of it after a new format, crop or size, or
// after copyWholeNext()). The buffer is another process's memory: its offset, stride and
// size are checked against what it claims to hold before a byte is read, and a memfd that
// is not sealed against shrinking is read through its descriptor (pread), never through
// the mapping.
class PipeWirePicture {
public:
    // The negotiated video format.
    struct Format {
        uint32_t spaFormat = 0;
        int32_t width = 0;
        int32_t height = 0;
        std::optional<PixelConverter> converter;
    };

    // Checks a buffer's memory as it arrives: a MemFd or DmaBuf descriptor must hold the
    // range libpipewire maps from it. Empty when it does, else why not. Sets *unsealed when
    // the memory is a memfd the producer could shrink under us, which must be copied with
    // byDescriptor.
    static QString checkMemory(const spa_data &data, bool *unsealed);

    // A new format: the next picture is copied whole.
    void setFormat(Format format);
    const Format &format() const { return format_; }
    // The format's name ("BGRx 1280x720"), for logs.
    QString formatDescription() const;

    // What a corrupted buffer changed is unknown: the next picture is copied whole.
    void copyWholeNext() { copyAll_ = true; }
    // The last picture's place in its buffer.
    const Rect &crop() const { return crop_; }

    // Copies the picture of buffer's first data (crop: its place in the buffer, from the
    // crop meta) where damage says (nullopt: all of it). Returns where the picture changed;
    // empty with *error set when the buffer does not hold the picture it claims, is not
    // mapped, or its memory shrank (byDescriptor): the stream must end.
    Region copy(const spa_buffer &buffer, const Rect &crop, const std::optional<Region> &damage,
                bool byDescriptor, QString *error);

    // Null before the first picture.
    const Frame &frame() const { return frame_; }
    // Where the picture changed since the previous call (all of it after a new size).
    Region takeDamage();

private:
    // Converts the copied region of a picture (crop at its place in the buffer) into frame_:
    // read from the memfd (false when it came back short), or through the mapping.
    bool copyByDescriptor(const spa_data &data, int64_t stride, const Rect &crop,
                          const Region &copied);
    void copyMapped(const uint8_t *picture, int64_t stride, const Rect &crop, const Region &copied);

    Format format_;
    Frame frame_;
    Rect crop_;
    Region damage_;
    // The next picture is copied whole: a new format or crop, or a picture was lost.
    bool copyAll_ = true;
};

} // namespace baton
