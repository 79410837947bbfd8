#include "core/capture/wayland/PipeWirePicture.h"

#include <fcntl.h>
#include <linux/dma-buf.h>
#include <spa/buffer/buffer.h>
#include <spa/param/video/raw.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace baton {
namespace {

// A DMA-BUF the stream did not map: mapped for one read, between the kernel's CPU access
// brackets. Untested: headless compositors here never offer DMA-BUFs, and we offer no
// modifiers, so only producers that allocate linear buffers without them would send one.
class DmaBufMapping {
public:
    explicit DmaBufMapping(const spa_data &data) : fd_(int(data.fd))
    {
        size_ = std::size_t(data.mapoffset) + data.maxsize;
        void *address = mmap(nullptr, size_, PROT_READ, MAP_SHARED, fd_, 0);
        if (address == MAP_FAILED)
            return;
        address_ = static_cast<uint8_t *>(address);
        dma_buf_sync sync{DMA_BUF_SYNC_START | DMA_BUF_SYNC_READ};
        ioctl(fd_, DMA_BUF_IOCTL_SYNC, &sync);
        data_ = address_ + data.mapoffset;
    }
    ~DmaBufMapping()
    {
        if (address_ == nullptr)
            return;
        dma_buf_sync sync{DMA_BUF_SYNC_END | DMA_BUF_SYNC_READ};
        ioctl(fd_, DMA_BUF_IOCTL_SYNC, &sync);
        munmap(address_, size_);
    }
    DmaBufMapping(const DmaBufMapping &) = delete;
    DmaBufMapping &operator=(const DmaBufMapping &) = delete;

    const uint8_t *data() const { return data_; }

private:
    int fd_;
    std::size_t size_ = 0;
    uint8_t *address_ = nullptr;
    const uint8_t *data_ = nullptr;
};

const char *formatName(uint32_t spaFormat)
{
    switch (spaFormat) {
    case SPA_VIDEO_FORMAT_BGRx:
        return "BGRx";
    case SPA_VIDEO_FORMAT_BGRA:
        return "BGRA";
    case SPA_VIDEO_FORMAT_RGBx:
        return "RGBx";
    case SPA_VIDEO_FORMAT_RGBA:
        return "RGBA";
    case SPA_VIDEO_FORMAT_xRGB:
        return "xRGB";
    case SPA_VIDEO_FORMAT_ARGB:
        return "ARGB";
    case SPA_VIDEO_FORMAT_xBGR:
        return "xBGR";
    case SPA_VIDEO_FORMAT_ABGR:
        return "ABGR";
    default:
        return "?";
    }
}

} // namespace

// Reading a mapping past the end of its file is a SIGBUS: a memfd that is not sealed
// against shrinking (xdg-desktop-portal-wlr's shared memory is a plain file) could be
// truncated by the producer under us, so *unsealed says to read it with pread(), which
// comes back short instead.
QString PipeWirePicture::checkMemory(const spa_data &data, bool *unsealed)
{
    if (data.type != SPA_DATA_MemFd && data.type != SPA_DATA_DmaBuf)
        return {};
    const int fd = int(data.fd);
    struct stat info { };
    if (fd < 0 || fstat(fd, &info) != 0)
        return QStringLiteral("a buffer's descriptor cannot be examined");
    const uint64_t end = uint64_t{data.mapoffset} + data.maxsize;
    off_t size = info.st_size;
    if (data.type == SPA_DATA_DmaBuf)
        size = lseek(fd, 0, SEEK_END); // what a DMA-BUF tells of its size
    if (size < 0 || uint64_t(size) < end)
        return QStringLiteral("a buffer claims %1 bytes of a %2-byte memory").arg(end).arg(size);
    if (data.type == SPA_DATA_MemFd) {
        const int seals = fcntl(fd, F_GET_SEALS);
        *unsealed = *unsealed || seals < 0 || (seals & F_SEAL_SHRINK) == 0;
    }
    return {};
}

void PipeWirePicture::setFormat(Format format)
{
    format_ = std::move(format);
    copyAll_ = true;
}

QString PipeWirePicture::formatDescription() const
{
    return QStringLiteral("%1 %2x%3")
        .arg(QLatin1String(formatName(format_.spaFormat)))
        .arg(format_.width)
        .arg(format_.height);
}

Region PipeWirePicture::copy(const spa_buffer &buffer, const Rect &crop,
                             const std::optional<Region> &damage, bool byDescriptor, QString *error)
{
    if (!format_.converter)
        return {};
    const spa_data &data = buffer.datas[0];
    const spa_chunk &chunk = *data.chunk;
    std::optional<DmaBufMapping> mapping;
    const uint8_t *memory = static_cast<const uint8_t *>(data.data);
    if (memory == nullptr && data.type == SPA_DATA_DmaBuf)
        memory = mapping.emplace(data).data();
    if (memory == nullptr && !byDescriptor) {
        *error = QStringLiteral("a buffer of type %1 is not mapped").arg(data.type);
        return {};
    }
    const int64_t rowBytes = int64_t{format_.width} * kBytesPerPixel;
    const int64_t stride = chunk.stride == 0 ? rowBytes : chunk.stride;
    const uint64_t needed = uint64_t(format_.height - 1) * uint64_t(stride) + uint64_t(rowBytes);
    if (stride < rowBytes || chunk.offset > data.maxsize ||
        std::min<uint64_t>(chunk.size, data.maxsize - chunk.offset) < needed) {
        *error = QStringLiteral("a buffer does not hold the picture it claims (offset %1, "
                                "stride %2, size %3 of %4 bytes for %5)")
                     .arg(chunk.offset)
                     .arg(chunk.stride)
                     .arg(chunk.size)
                     .arg(data.maxsize)
                     .arg(formatDescription());
        return {};
    }
    if (crop != crop_) {
        crop_ = crop;
        copyAll_ = true;
    }
    if (frame_.width() != crop.width || frame_.height() != crop.height) {
        frame_ = Frame(crop.width, crop.height);
        copyAll_ = true;
        damage_.clear(); // of the old size: the whole new picture is damage now
    }
    Region copied = copyAll_ || !damage ? Region(frame_.rect()) : *damage;
    copyAll_ = false;
    if (byDescriptor) {
        if (!copyByDescriptor(data, stride, crop, copied)) {
            *error = QStringLiteral("a buffer's memory shrank under us");
            return {};
        }
    } else {
        copyMapped(memory + chunk.offset, stride, crop, copied);
    }
    damage_ |= copied;
    return copied;
}

bool PipeWirePicture::copyByDescriptor(const spa_data &data, int64_t stride, const Rect &crop,
                                       const Region &copied)
{
    // Row by row from the file: the rows start at the chunk's offset in the mapped range.
    const int64_t start = int64_t(data.mapoffset) + data.chunk->offset;
    std::vector<uint8_t> row;
    for (const Rect &r : copied.rects()) {
        row.resize(std::size_t(r.width) * kBytesPerPixel);
        for (int32_t y = r.y; y < r.bottom(); ++y) {
            const int64_t at =
                start + int64_t(crop.y + y) * stride + int64_t(crop.x + r.x) * kBytesPerPixel;
            if (pread(int(data.fd), row.data(), row.size(), at) != ssize_t(row.size()))
                return false;
            format_.converter->convert(row.data(), int(row.size()), r.width, 1,
                                       frame_.data() + int64_t(y) * frame_.strideBytes() +
                                           int64_t(r.x) * kBytesPerPixel,
                                       frame_.strideBytes());
        }
    }
    return true;
}

void PipeWirePicture::copyMapped(const uint8_t *picture, int64_t stride, const Rect &crop,
                                 const Region &copied)
{
    for (const Rect &r : copied.rects()) {
        const uint8_t *source =
            picture + int64_t(crop.y + r.y) * stride + int64_t(crop.x + r.x) * kBytesPerPixel;
        uint8_t *target =
            frame_.data() + int64_t(r.y) * frame_.strideBytes() + int64_t(r.x) * kBytesPerPixel;
        format_.converter->convert(source, int(stride), r.width, r.height, target,
                                   frame_.strideBytes());
    }
}

Region PipeWirePicture::takeDamage()
{
    Region damage = std::move(damage_);
    damage_.clear();
    return damage;
}

} // namespace baton
