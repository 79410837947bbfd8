#pragma once

#include "core/net/CertificateStore.h"
#include "core/session/HostSession.h"
#include "ui/capture/WidgetWindowSource.h"
#include "ui/input/WidgetInputInjector.h"

#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QWidget>

#include <cstring>
#include <memory>

namespace baton::test {

// Whether image holds exactly the frame's pixels (RGB32 rows compared byte for byte).
inline bool sameAsFrame(const QImage &image, const Frame &frame)
{
    if (frame.isNull() || image.size() != QSize(frame.width(), frame.height()))
        return false;
    for (int32_t y = 0; y < frame.height(); ++y)
        if (std::memcmp(image.constScanLine(y),
                        frame.data() + size_t(y) * size_t(frame.strideBytes()),
                        size_t(frame.width()) * 4) != 0)
            return false;
    return true;
}

// A small application to share: a label, a line edit that receives the viewer's keys and
// a button that counts the viewer's clicks.
struct SharedForm {
    QWidget window;
    QLabel *label;
    QLineEdit *edit;
    QPushButton *button;
    int clicks = 0;

    SharedForm()
        : label(new QLabel(QStringLiteral("Shared with the viewer"), &window)),
          edit(new QLineEdit(&window)),
          button(new QPushButton(QStringLiteral("Press me"), &window))
    {
        auto *layout = new QVBoxLayout(&window);
        layout->addWidget(label);
        layout->addWidget(edit);
        layout->addWidget(button);
        layout->addStretch();
        window.resize(360, 220);
        window.setWindowTitle(QStringLiteral("Shared form"));
        QObject::connect(button, &QPushButton::clicked, [this] { ++clicks; });
    }
};

// A real HostSession sharing a widget over loopback TLS, floor policy auto, asking for
// the passcode when one is set; start() on the same port again after stop() is the host
// coming back.
class WidgetHost {
public:
    explicit WidgetHost(QWidget *window) : window_(window) { }

    bool start(quint16 port = 0)
    {
        static const auto identity = net::CertificateStore::generate(QStringLiteral("viewer-test"));
        HostSessionConfig config = loopbackConfig("viewer-test", "Test host");
        config.listener.port = port;
        config.floor.policy = FloorPolicy::Auto;
        config.listener.policy.passcode = passcode;
        config.listener.pendingHandshakes = pendingHandshakes;
        session = std::make_unique<HostSession>(std::make_unique<WidgetWindowSource>(window_),
                                                *identity, std::move(config));
        session->setInputInjector(std::make_unique<WidgetInputInjector>(window_));
        QString error;
        if (!session->start(&error)) {
            qWarning() << "host did not start:" << error;
            return false;
        }
        return true;
    }

    std::unique_ptr<HostSession> session;
    std::string passcode; // empty: none asked for
    net::PendingHandshakes::Limits pendingHandshakes;

private:
    QWidget *window_;
};

} // namespace baton::test
