// The viewer window on a screen of device pixel ratio 2 (QT_SCALE_FACTOR=2, offscreen):
// 1:1 means one shared pixel per device pixel, so the picture takes half as many logical
// pixels, the canvas shows it unscaled, and pointer positions map to the right pixels.

#include "ViewerTestHost.h"
#include "core/viewer/ViewerSession.h"
#include "ui/viewer/ViewerWidget.h"
#include "ui/viewer/ViewerWindow.h"

#include <QTest>


using namespace baton;
using namespace baton::ui;

namespace {

constexpr int kTimeoutMs = 20000;


} // namespace

class TestViewerHiDpi : public QObject {
    Q_OBJECT

private slots:
    void oneToOneIsOneDevicePixel()
    {
        test::SharedForm form;
        form.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form.window));
        QCOMPARE(form.window.devicePixelRatioF(), 2.0);
        test::WidgetHost host(&form.window);
        QVERIFY(host.start());
        const QSize shared(host.session->windowRect().width, host.session->windowRect().height);

        net::ViewerOptions options;
        options.displayName = "Ana";
        ViewerWindow window(host.session->inviteLink(), options);
        window.resize(640, 480);
        window.show();
        window.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            window.session()->isJoined() &&
                test::sameAsFrame(window.canvas()->image(), window.session()->framebuffer()),
            kTimeoutMs);
        ViewerWidget *canvas = window.canvas();
        QCOMPARE(canvas->devicePixelRatioF(), 2.0);
        QCOMPARE(canvas->sizeHint(), shared / 2);
        QTRY_VERIFY(canvas->width() >= shared.width() / 2);
        QCOMPARE(canvas->fromPicture({2, 0}).x() - canvas->fromPicture({0, 0}).x(), 1.0);
        const QPoint pixel(101, 57);
        QCOMPARE(canvas->toPicture(canvas->fromPicture(pixel) + QPointF(0.25, 0.25)),
                 std::optional<QPoint>(pixel));

        // What the canvas paints, in device pixels, is the picture unscaled.
        QImage shot = canvas->grab().toImage().convertToFormat(QImage::Format_RGB32);
        shot.setDevicePixelRatio(1);
        QCOMPARE(shot.size(), canvas->size() * 2);
        const QPoint origin = (canvas->fromPicture({0, 0}) * 2).toPoint();
        // The widget source renders the form at its logical size: one shared pixel per
        // logical pixel of the form.
        const QRect button = form.button->geometry();
        const QImage expected = canvas->image().copy(button).convertToFormat(QImage::Format_RGB32);
        QCOMPARE(shot.copy(button.translated(origin)), expected);
    }
};

QTEST_MAIN(TestViewerHiDpi)
#include "tst_viewerhidpi.moc"
