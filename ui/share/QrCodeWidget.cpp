#include "ui/share/QrCodeWidget.h"

#include <QPainter>

namespace baton::ui {
namespace {

constexpr int kPreferredModulePx = 4;

} // namespace

QrCodeWidget::QrCodeWidget(QWidget *parent) : QWidget(parent)
{
    setAccessibleName(tr("QR code of the invite link"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void QrCodeWidget::setText(const QString &text)
{
    if (text == text_)
        return;
    text_ = text;
    code_ = QrCodeImage::encode(text.toUtf8());
    setAccessibleDescription(text);
    updateGeometry();
    update();
}

QSize QrCodeWidget::sizeHint() const
{
    const int modules = code_.moduleCount() + 2 * QrCodeImage::kQuietZoneModules;
    return code_.isNull() ? QSize(0, 0) : QSize(modules, modules) * kPreferredModulePx;
}

QSize QrCodeWidget::minimumSizeHint() const
{
    const int modules = code_.moduleCount() + 2 * QrCodeImage::kQuietZoneModules;
    return code_.isNull() ? QSize(0, 0) : QSize(modules, modules) * 2;
}

void QrCodeWidget::paintEvent(QPaintEvent *)
{
    if (code_.isNull())
        return;
    const int modules = code_.moduleCount() + 2 * QrCodeImage::kQuietZoneModules;
    const int modulePx = std::max(1, std::min(width(), height()) / modules);
    const QImage image = code_.toImage(modulePx);
    QPainter painter(this);
    painter.drawImage((width() - image.width()) / 2, (height() - image.height()) / 2, image);
}

} // namespace baton::ui
