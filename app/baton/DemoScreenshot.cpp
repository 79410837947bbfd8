#include "DemoScreenshot.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPainter>
#include <QPixmap>
#include <QTextStream>
#include <QTimer>
#include <QWidget>

#include <cstdio>

namespace baton {

DemoScreenshot::DemoScreenshot(const QList<QWidget *> &targets, QString path, int delayMs,
                               QObject *parent)
    : QObject(parent), path_(std::move(path))
{
    for (QWidget *target : targets)
        targets_ << target;
    QTimer::singleShot(delayMs, this, &DemoScreenshot::capture);
}

void DemoScreenshot::capture()
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QList<QPixmap> shots;
    for (const QPointer<QWidget> &target : targets_) {
        if (!target) {
            err << "baton: a window to capture is gone\n";
            QCoreApplication::exit(1);
            return;
        }
        shots << target->grab();
    }
    constexpr int kGapPx = 16;
    QSize size;
    for (const QPixmap &shot : shots)
        size = QSize(size.width() + shot.width() + (size.isEmpty() ? 0 : kGapPx),
                     std::max(size.height(), shot.height()));
    QPixmap pixmap(size);
    pixmap.fill(QColor(0x30, 0x30, 0x34));
    QPainter painter(&pixmap);
    int x = 0;
    for (const QPixmap &shot : shots) {
        painter.drawPixmap(x, 0, shot);
        x += shot.width() + kGapPx;
    }
    painter.end();
    if (pixmap.isNull() || !pixmap.save(path_, "PNG")) {
        err << "baton: could not write screenshot " << path_ << '\n';
        QCoreApplication::exit(1);
        return;
    }
    out << "screenshot: " << QFileInfo(path_).absoluteFilePath() << '\n';
    QCoreApplication::exit(0);
}

} // namespace baton
