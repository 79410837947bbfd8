#include "CodecCorpus.h"

#include "ui/demo/DemoText.h"

#include <QCoreApplication>
#include <QFile>
#include <QFont>
#include <QFontMetrics>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QProcess>
#include <QThread>

#include <cmath>

namespace baton::cli {
namespace {

constexpr int kWidth = 1280;
constexpr int kHeight = 800;
constexpr quint32 kSeed = 1627; // the demo window's default seed
const char *const kPhotoPath = "/usr/share/backgrounds/gnome/wood-l.webp";

Frame toFrame(const QImage &image)
{
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    return Frame::copyOf(FrameView(argb.constBits(), argb.width(), argb.height(),
                                   static_cast<int32_t>(argb.bytesPerLine())));
}

// Page `page` of the demo document, laid out paragraph by paragraph as an editor would.
QImage textPage(int page)
{
    QImage image(kWidth, kHeight, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(15);
    painter.setFont(font);
    painter.setPen(QColor(0x20, 0x20, 0x20));
    const QStringList paragraphs =
        demo::DemoText::document(kSeed, 60).split(QStringLiteral("\n\n"), Qt::SkipEmptyParts);
    const QRect area(24, 16, kWidth - 48, kHeight - 32);
    int y = area.top();
    int currentPage = 0;
    for (const QString &paragraph : paragraphs) {
        const QRect needed = painter.fontMetrics().boundingRect(
            QRect(area.left(), 0, area.width(), 10000), Qt::TextWordWrap, paragraph);
        if (y + needed.height() > area.bottom()) {
            if (currentPage == page)
                break;
            ++currentPage;
            y = area.top();
        }
        if (currentPage == page)
            painter.drawText(QRect(area.left(), y, area.width(), needed.height()),
                             Qt::TextWordWrap, paragraph);
        y += needed.height() + 10;
    }
    return image;
}

void drawButton(QPainter &p, const QRect &r, const QString &label, bool isDefault)
{
    QLinearGradient fill(r.topLeft(), r.bottomLeft());
    fill.setColorAt(0, QColor(0xFA, 0xFA, 0xFA));
    fill.setColorAt(1, QColor(0xE4, 0xE4, 0xE4));
    p.setBrush(fill);
    p.setPen(isDefault ? QColor(0x30, 0x7A, 0xD0) : QColor(0xA8, 0xA8, 0xA8));
    p.drawRoundedRect(r, 4, 4);
    p.setPen(QColor(0x20, 0x20, 0x20));
    p.drawText(r, Qt::AlignCenter, label);
}

// A settings dialog beside a list: toolbar, tabs, buttons, check boxes, a progress
// bar, a scroll bar and list rows, drawn as a desktop theme draws them.
QImage uiWidgets()
{
    QImage image(kWidth, kHeight, QImage::Format_ARGB32);
    image.fill(QColor(0xEF, 0xEF, 0xEF));
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(13);
    p.setFont(font);

    QLinearGradient toolbar(0, 0, 0, 44);
    toolbar.setColorAt(0, QColor(0xF6, 0xF6, 0xF6));
    toolbar.setColorAt(1, QColor(0xDC, 0xDC, 0xDC));
    p.fillRect(0, 0, kWidth, 44, toolbar);
    const QStringList tools{"New", "Open", "Save", "Share", "Ask for control", "Displays"};
    for (int i = 0; i < tools.size(); ++i)
        drawButton(p, QRect(8 + i * 118, 7, 110, 30), tools[i], false);

    const QStringList items = demo::DemoText::listItems(kSeed, 40);
    const QRect list(8, 56, 420, kHeight - 64);
    p.fillRect(list, Qt::white);
    p.setPen(QColor(0xB0, 0xB0, 0xB0));
    p.drawRect(list.adjusted(0, 0, -1, -1));
    for (int i = 0; i < items.size() && 60 + i * 24 < list.bottom() - 24; ++i) {
        const QRect row(list.left() + 1, list.top() + 1 + i * 24, list.width() - 18, 24);
        p.fillRect(row, i == 3 ? QColor(0x30, 0x7A, 0xD0) : (i % 2 ? QColor(0xF5, 0xF7, 0xFA) : Qt::white));
        p.setPen(i == 3 ? Qt::white : QColor(0x20, 0x20, 0x20));
        p.drawText(row.adjusted(8, 0, 0, 0), Qt::AlignVCenter, items[i]);
    }
    p.fillRect(list.right() - 14, list.top() + 1, 13, list.height() - 2, QColor(0xE8, 0xE8, 0xE8));
    p.setBrush(QColor(0xB8, 0xB8, 0xB8));
    p.setPen(Qt::NoPen);
    p.drawRoundedRect(QRect(list.right() - 12, list.top() + 40, 9, 160), 4, 4);

    const QRect panel(444, 56, kWidth - 452, kHeight - 64);
    p.setPen(QColor(0xB0, 0xB0, 0xB0));
    p.setBrush(QColor(0xF7, 0xF7, 0xF7));
    p.drawRect(panel.adjusted(0, 0, -1, -1));
    const QStringList tabs{"General", "Floor control", "Codecs", "Displays"};
    for (int i = 0; i < tabs.size(); ++i) {
        const QRect tab(panel.left() + 8 + i * 130, panel.top() + 8, 126, 28);
        p.setBrush(i == 2 ? Qt::white : QColor(0xE2, 0xE2, 0xE2));
        p.drawRoundedRect(tab, 3, 3);
        p.setPen(QColor(0x20, 0x20, 0x20));
        p.drawText(tab, Qt::AlignCenter, tabs[i]);
        p.setPen(QColor(0xB0, 0xB0, 0xB0));
    }
    const QStringList options{"Lossless tiles for text and UI", "Video for moving pictures",
                              "Prefer hardware encoders", "4:4:4 chroma when the peer decodes it",
                              "Send a key frame to late joiners", "Cap the bitrate at 8 Mbit/s"};
    for (int i = 0; i < options.size(); ++i) {
        const int y = panel.top() + 60 + i * 36;
        p.setPen(QColor(0x80, 0x80, 0x80));
        p.setBrush(Qt::white);
        p.drawRoundedRect(QRect(panel.left() + 24, y, 16, 16), 3, 3);
        if (i % 3 != 2) {
            p.setPen(QPen(QColor(0x30, 0x7A, 0xD0), 2));
            p.drawLine(panel.left() + 27, y + 8, panel.left() + 31, y + 12);
            p.drawLine(panel.left() + 31, y + 12, panel.left() + 37, y + 4);
        }
        p.setPen(QColor(0x20, 0x20, 0x20));
        p.drawText(QPoint(panel.left() + 50, y + 13), options[i]);
    }
    const QRect progress(panel.left() + 24, panel.top() + 300, 500, 18);
    p.setPen(QColor(0xA0, 0xA0, 0xA0));
    p.setBrush(Qt::white);
    p.drawRoundedRect(progress, 4, 4);
    QLinearGradient bar(progress.topLeft(), progress.bottomLeft());
    bar.setColorAt(0, QColor(0x5A, 0x9A, 0xE6));
    bar.setColorAt(1, QColor(0x2A, 0x6A, 0xC0));
    p.setBrush(bar);
    p.drawRoundedRect(progress.adjusted(1, 1, -180, -1), 4, 4);
    drawButton(p, QRect(panel.right() - 250, panel.bottom() - 46, 110, 32), QStringLiteral("Cancel"), false);
    drawButton(p, QRect(panel.right() - 130, panel.bottom() - 46, 110, 32), QStringLiteral("Apply"), true);
    return image;
}

// An xterm listing a licence text, captured with xwd; null without an X server.
QImage xtermCapture()
{
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        return {};
    const QString title = QStringLiteral("baton-bench-xterm-%1").arg(QCoreApplication::applicationPid());
    QProcess xterm;
    xterm.start(QStringLiteral("xterm"),
                {QStringLiteral("-T"), title, QStringLiteral("-geometry"), QStringLiteral("140x48"),
                 QStringLiteral("-e"), QStringLiteral("sh"), QStringLiteral("-c"),
                 QStringLiteral("head -46 /usr/share/common-licenses/GPL-3; sleep 30")});
    if (!xterm.waitForStarted())
        return {};
    QImage image;
    for (int attempt = 0; attempt < 50 && image.isNull(); ++attempt) {
        QThread::msleep(100);
        QProcess probe;
        probe.start(QStringLiteral("xwininfo"), {QStringLiteral("-name"), title});
        probe.waitForFinished();
        if (probe.exitCode() != 0)
            continue;
        QThread::msleep(500);
        QProcess capture;
        capture.start(QStringLiteral("sh"),
                      {QStringLiteral("-c"),
                       QStringLiteral("xwd -silent -name '%1' | convert xwd:- png:-").arg(title)});
        capture.waitForFinished(10000);
        image.loadFromData(capture.readAllStandardOutput(), "PNG");
    }
    xterm.kill();
    xterm.waitForFinished();
    return image;
}

// The photograph, decoded and cropped to 1280×720 by the ffmpeg command-line tool.
Frame photograph()
{
    if (!QFile::exists(QString::fromLatin1(kPhotoPath)))
        return {};
    QProcess ffmpeg;
    ffmpeg.start(QStringLiteral("ffmpeg"),
                 {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"),
                  QString::fromLatin1(kPhotoPath), QStringLiteral("-vf"),
                  QStringLiteral("scale=1280:720:force_original_aspect_ratio=increase,crop=1280:720"),
                  QStringLiteral("-frames:v"), QStringLiteral("1"), QStringLiteral("-f"),
                  QStringLiteral("rawvideo"), QStringLiteral("-pix_fmt"), QStringLiteral("bgra"),
                  QStringLiteral("-")});
    ffmpeg.waitForFinished(60000);
    const QByteArray pixels = ffmpeg.readAllStandardOutput();
    if (pixels.size() != 1280 * 720 * 4)
        return {};
    return Frame::copyOf(FrameView(reinterpret_cast<const uint8_t *>(pixels.constData()), 1280, 720, 1280 * 4));
}

} // namespace

Frame videoSequenceFrame(int32_t width, int32_t height, int index)
{
    Frame frame(width, height);
    const double t = index / 30.0;
    struct Blob {
        double x, y, radius;
        uint32_t r, g, b;
    };
    const Blob blobs[] = {
        {0.5 + 0.35 * std::sin(t * 2.1), 0.5 + 0.35 * std::cos(t * 1.7), 0.12, 240, 220, 40},
        {0.3 + 0.2 * std::cos(t * 1.3), 0.6 + 0.25 * std::sin(t * 2.3), 0.08, 40, 200, 230},
        {0.7 + 0.2 * std::sin(t * 0.9), 0.3 + 0.2 * std::sin(t * 1.9), 0.10, 230, 60, 120},
    };
    for (int32_t y = 0; y < height; ++y) {
        const auto row = frame.mutableView().row(y);
        for (int32_t x = 0; x < width; ++x) {
            double r = 120 + 90 * std::sin(x * 0.006 + t * 1.2);
            double g = 120 + 80 * std::cos(y * 0.008 - t * 0.9);
            double b = 110 + 60 * std::sin((x + y) * 0.004 + t * 2.0) +
                12 * std::sin((x - index * 4) * 0.15) * std::sin(y * 0.11);
            for (const Blob &blob : blobs) {
                const double dx = x - blob.x * width;
                const double dy = y - blob.y * height;
                const double k = std::exp(-(dx * dx + dy * dy) / (blob.radius * blob.radius * width * width));
                r = r * (1 - k) + blob.r * k;
                g = g * (1 - k) + blob.g * k;
                b = b * (1 - k) + blob.b * k;
            }
            const auto clamp = [](double v) { return static_cast<uint32_t>(std::clamp(v, 0.0, 255.0)); };
            row[static_cast<std::size_t>(x)] = 0xFF000000u | clamp(r) << 16 | clamp(g) << 8 | clamp(b);
        }
    }
    return frame;
}

std::vector<CorpusItem> makeCodecCorpus(QStringList *skipped)
{
    std::vector<CorpusItem> items;
    items.push_back({QStringLiteral("demo-text-page1"), QStringLiteral("text"), toFrame(textPage(0))});
    items.push_back({QStringLiteral("demo-text-page2"), QStringLiteral("text"), toFrame(textPage(1))});
    items.push_back({QStringLiteral("ui-widgets"), QStringLiteral("ui"), toFrame(uiWidgets())});
    if (const QImage xterm = xtermCapture(); !xterm.isNull())
        items.push_back({QStringLiteral("xterm"), QStringLiteral("text"), toFrame(xterm)});
    else
        skipped->append(QStringLiteral("xterm (no X server: DISPLAY is not set)"));
    if (Frame photo = photograph(); !photo.isNull())
        items.push_back({QStringLiteral("photo-wood"), QStringLiteral("photo"), std::move(photo)});
    else
        skipped->append(QStringLiteral("photo-wood (install gnome-backgrounds)"));
    items.push_back({QStringLiteral("video-frame0"), QStringLiteral("video"), videoSequenceFrame(1280, 720, 0)});
    return items;
}

} // namespace baton::cli
