#include "core/rdp/RdpEndMessage.h"

#include "core/rdp/RdpLogging.h"

#include <QFont>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <algorithm>

namespace baton::rdp {

Frame RdpEndMessage::paint(const Frame &lastPicture, const QString &message)
{
    Frame frame = lastPicture;
    // Frame's BGRA in memory is QImage's ARGB32 on little-endian hosts; the image paints
    // straight into the copy.
    QImage image(frame.data(), frame.width(), frame.height(), frame.strideBytes(),
                 QImage::Format_RGB32);
    QPainter painter(&image);
    painter.fillRect(image.rect(), QColor(0, 0, 0, 170));
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        qCWarning(lcRdp) << "RDP end message" << message
                         << "not painted: there are no fonts without a QGuiApplication";
        return frame;
    }
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(std::clamp(std::min(frame.width() / 16, frame.height() / 8), 10, 72));
    painter.setFont(font);
    painter.setPen(Qt::white);
    const int margin = frame.width() / 20;
    painter.drawText(image.rect().adjusted(margin, 0, -margin, 0),
                     Qt::AlignCenter | Qt::TextWordWrap, message);
    return frame;
}

} // namespace baton::rdp
