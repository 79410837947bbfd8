#pragma once

#include "ui/share/QrCodeImage.h"

#include <QWidget>

namespace baton::ui {

// Shows a QR code as large as fits, in whole pixels per module so that it stays sharp
// and readable by a camera; always black on white, whatever the palette.
class QrCodeWidget : public QWidget {
    Q_OBJECT
public:
    explicit QrCodeWidget(QWidget *parent = nullptr);

    // Empty text shows nothing.
    void setText(const QString &text);
    QString text() const { return text_; }
    const QrCodeImage &code() const { return code_; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString text_;
    QrCodeImage code_;
};

} // namespace baton::ui
