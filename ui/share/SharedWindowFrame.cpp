#include "ui/share/SharedWindowFrame.h"

#include <QWidget>

namespace baton::ui {

SharedWindowFrame::SharedWindowFrame(QColor colour, int thicknessPx, QObject *parent)
    : QObject(parent), colour_(colour), thicknessPx_(std::max(1, thicknessPx))
{
    const Qt::WindowFlags flags = Qt::Tool | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint |
        Qt::WindowTransparentForInput | Qt::WindowDoesNotAcceptFocus |
        Qt::X11BypassWindowManagerHint;
    for (auto &edge : edges_) {
        edge = std::make_unique<QWidget>(nullptr, flags);
        edge->setAttribute(Qt::WA_ShowWithoutActivating);
        edge->setFocusPolicy(Qt::NoFocus);
        edge->setAutoFillBackground(true);
        QPalette palette = edge->palette();
        palette.setColor(QPalette::Window, colour);
        edge->setPalette(palette);
        edge->setWindowTitle(tr("Baton: frame around the shared window"));
        edge->setAccessibleName(edge->windowTitle());
    }
}

SharedWindowFrame::~SharedWindowFrame() = default;

void SharedWindowFrame::showAround(const QRect &windowRect)
{
    around_ = windowRect;
    shown_ = true;
    const QList<QRect> geometries = edgeGeometries();
    for (std::size_t i = 0; i < edges_.size(); ++i) {
        edges_[i]->setGeometry(geometries[qsizetype(i)]);
        edges_[i]->show();
        edges_[i]->raise();
    }
}

void SharedWindowFrame::hide()
{
    shown_ = false;
    for (auto &edge : edges_)
        edge->hide();
}

QList<QRect> SharedWindowFrame::edgeGeometries() const
{
    // Outside the window, so the frame never covers (nor enters the capture of) its
    // contents; the top and bottom strips also cover the corners.
    const QRect r = around_;
    const int t = thicknessPx_;
    return {QRect(r.left() - t, r.top() - t, r.width() + 2 * t, t),
            QRect(r.left() - t, r.bottom() + 1, r.width() + 2 * t, t),
            QRect(r.left() - t, r.top(), t, r.height()),
            QRect(r.right() + 1, r.top(), t, r.height())};
}

} // namespace baton::ui
