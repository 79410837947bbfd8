#include "ui/share/ScreenLabelIdentifier.h"

#include "ui/share/ScreenShareDisplay.h"

#include <QLabel>
#include <QScreen>
#include <QTimer>
#include <QVBoxLayout>
#include <QWindow>

namespace baton {

ScreenLabelIdentifier::~ScreenLabelIdentifier()
{
    for (const QPointer<QWidget> &label : std::as_const(labels_))
        delete label.data();
}

display::BackendResult ScreenLabelIdentifier::identify(const QList<Target> &targets, int seconds)
{
    QList<QScreen *> screens;
    for (const Target &target : targets) {
        QScreen *screen = ScreenShareDisplay::screenFor(target.display);
        if (!screen)
            return display::BackendResult::fail(display::BackendResult::Kind::Unavailable,
                                                QStringLiteral("no screen of this window system shows display %1")
                                                    .arg(target.display.id));
        screens.append(screen);
    }
    labels_.removeAll(nullptr);
    for (qsizetype i = 0; i < targets.size(); ++i) {
        const Target &target = targets[i];
        QScreen *screen = screens[i];
        auto *window = new QWidget(nullptr, Qt::Window | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint |
                                                Qt::WindowDoesNotAcceptFocus);
        window->setAttribute(Qt::WA_DeleteOnClose);
        window->setAttribute(Qt::WA_ShowWithoutActivating);
        window->setWindowTitle(QStringLiteral("ISSD %1").arg(target.index));
        window->setStyleSheet(QStringLiteral("background: #1d2b53; color: white;"));
        auto *layout = new QVBoxLayout(window);
        // A third of the screen's height for the number: readable from the back of a room.
        const int numberPx = qMax(48, screen->geometry().height() / 3);
        auto *number = new QLabel(QString::number(target.index), window);
        number->setAlignment(Qt::AlignCenter);
        number->setStyleSheet(QStringLiteral("font-size: %1px; font-weight: bold;").arg(numberPx));
        QStringList details;
        if (!target.text.isEmpty())
            details << target.text;
        details << target.display.connector;
        if (target.display.layout.mode)
            details << target.display.layout.mode->toString();
        auto *detail = new QLabel(details.join(QStringLiteral("  ·  ")), window);
        detail->setAlignment(Qt::AlignCenter);
        detail->setWordWrap(true);
        detail->setStyleSheet(QStringLiteral("font-size: %1px;").arg(qMax(16, numberPx / 6)));
        layout->addStretch();
        layout->addWidget(number);
        layout->addWidget(detail);
        layout->addStretch();
        window->setGeometry(screen->geometry());
        window->winId();
        window->windowHandle()->setScreen(screen);
        window->showFullScreen();
        QTimer::singleShot(seconds * 1000, window, &QWidget::close);
        labels_.append(window);
    }
    return display::BackendResult::ok();
}

QList<QWidget *> ScreenLabelIdentifier::labels() const
{
    QList<QWidget *> shown;
    for (const QPointer<QWidget> &label : labels_)
        if (label && label->isVisible())
            shown.append(label.data());
    return shown;
}

} // namespace baton
