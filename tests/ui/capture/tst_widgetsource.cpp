#include "codecs/diff/FrameDiffer.h"
#include "ui/capture/WidgetWindowSource.h"
#include "ui/demo/DemoWindow.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

using namespace baton;

namespace {

// What Qt itself renders for the widget, as the independent reference.
Frame grabbed(QWidget &widget)
{
    const QImage image = widget.grab().toImage().convertToFormat(QImage::Format_RGB32);
    return Frame::copyOf(
        FrameView(image.constBits(), image.width(), image.height(), int32_t(image.bytesPerLine())));
}

} // namespace

class TestWidgetSource : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<baton::WindowEvent>(); }

    void capturesAndFollowsPaints()
    {
        QWidget window;
        window.resize(320, 200);
        auto *layout = new QVBoxLayout(&window);
        auto *label = new QLabel(QStringLiteral("first text"), &window);
        layout->addWidget(label);
        layout->addStretch();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        WidgetWindowSource source(&window);
        QVERIFY(source.start());
        CapturedFrame frame;
        QVERIFY(source.captureFrame(frame));
        QCOMPARE(frame.pixels.width(), 320);
        QCOMPARE(frame.damage, Region(Rect{0, 0, 320, 200}));
        QCOMPARE(frame.pixels, grabbed(window).view());
        FrameDiffer differ;
        differ.diff(frame.pixels);

        QSignalSpy damaged(&source, &WindowSource::damaged);
        label->setText(QStringLiteral("second, longer text"));
        QTRY_VERIFY(damaged.count() > 0);
        QVERIFY(source.captureFrame(frame));
        const QRect labelRect = label->geometry();
        QVERIFY(frame.damage.intersects(
            {labelRect.x(), labelRect.y(), labelRect.width(), labelRect.height()}));
        const DiffResult &result = differ.diff(frame.pixels, frame.damage);
        QVERIFY(!result.dirty.isEmpty());
        // Nothing changed outside the damage: a full-frame diff finds nothing more.
        QVERIFY(differ.diff(frame.pixels).dirty.isEmpty());

        // Without paints there is no damage (grab() below paints, so it comes after).
        QVERIFY(source.captureFrame(frame));
        QVERIFY(frame.damage.isEmpty());
        QCOMPARE(frame.pixels, grabbed(window).view());
    }

    void windowEvents()
    {
        auto *window = new QWidget;
        window->resize(200, 100);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        WidgetWindowSource source(window);
        QSignalSpy events(&source, &WindowSource::windowEvent);
        QVERIFY(source.start());
        auto lastKind = [&] { return events.last().at(0).value<WindowEvent>().kind; };

        window->resize(260, 140);
        QTRY_VERIFY(!events.isEmpty() && lastKind() == WindowEventKind::Resized);
        CapturedFrame frame;
        QVERIFY(source.captureFrame(frame));
        QCOMPARE(frame.pixels.width(), 260);
        QCOMPARE(frame.damage, Region(Rect{0, 0, 260, 140}));
        window->move(50, 60);
        QTRY_VERIFY(lastKind() == WindowEventKind::Moved);
        window->hide();
        QTRY_VERIFY(lastKind() == WindowEventKind::Hidden);
        QVERIFY(!source.captureFrame(frame));
        window->show();
        QTRY_VERIFY(lastKind() == WindowEventKind::Shown);
        QVERIFY(source.captureFrame(frame));
        delete window;
        QCOMPARE(lastKind(), WindowEventKind::Closed);
        QVERIFY(!source.captureFrame(frame));
    }

    // The demo application is the default shared window: its 30 fps chart keeps
    // damaging a part of it, and each capture renders what Qt would.
    void capturesTheDemo()
    {
        demo::DemoWindow demo(1);
        demo.resize(900, 600);
        demo.show();
        QVERIFY(QTest::qWaitForWindowExposed(&demo));
        WidgetWindowSource source(&demo);
        QVERIFY(source.start());
        CapturedFrame frame;
        QVERIFY(source.captureFrame(frame));
        QCOMPARE(frame.pixels.width(), 900);
        QSignalSpy damaged(&source, &WindowSource::damaged);
        QTRY_VERIFY(damaged.count() > 0);
        QVERIFY(source.captureFrame(frame));
        QVERIFY(!frame.damage.isEmpty());
        QVERIFY(frame.damage.area() < int64_t{900} * 600);
    }
};

QTEST_MAIN(TestWidgetSource)
#include "tst_widgetsource.moc"
