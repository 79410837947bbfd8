#include "core/capture/ShareArea.h"
#include "core/capture/ShareCanvas.h"
#include "core/capture/SharedWindow.h"

#include <QTest>

using namespace baton;

// The picture's box and how it is painted: pure code, no window system.
class TestShareArea : public QObject {
    Q_OBJECT

    using Clock = ShareArea::Clock;

private slots:
    // The main window whole, even off screen; the other windows clipped to the screen.
    void wantedBoxHoldsMainWholeAndClipsOthers()
    {
        const Rect screen{0, 0, 1000, 800};
        const Rect main{-50, 100, 400, 300};
        const Rect menu{300, 350, 200, 600}; // reaches below the screen
        const std::vector<Rect> others{menu};
        QCOMPARE(ShareArea::wantedBox(main, others, screen), Rect::fromEdges(-50, 100, 500, 800));
        QCOMPARE(ShareArea::wantedBox(main, {}, screen), main);
    }

    void growsAtOnceAndShrinksAfterTheDelay()
    {
        const Rect main{100, 100, 400, 300};
        ShareArea area;
        area.reset(main, main);
        const Clock::time_point t0{};
        QCOMPARE(area.update(main, main, t0), main);
        QVERIFY(!area.shrinkDue());

        // A menu opens past the bottom-right corner: the box grows now.
        const Rect withMenu = Rect::fromEdges(100, 100, 600, 450);
        QCOMPARE(area.update(withMenu, main, t0), withMenu);
        QVERIFY(!area.shrinkDue());
        // It closes: the box stays until the delay has passed, then shrinks.
        QCOMPARE(area.update(main, main, t0 + std::chrono::milliseconds(10)), withMenu);
        QVERIFY(area.shrinkDue());
        QCOMPARE(*area.shrinkDue(), t0 + std::chrono::milliseconds(10) + ShareArea::kShrinkDelay);
        QCOMPARE(area.update(main, main, t0 + std::chrono::milliseconds(20)), withMenu);
        // Opening it again inside the box costs no re-activation.
        QCOMPARE(area.update(withMenu, main, t0 + std::chrono::milliseconds(500)), withMenu);
        QVERIFY(!area.shrinkDue());
        QCOMPARE(area.update(main, main, t0 + std::chrono::milliseconds(600)), withMenu);
        QCOMPARE(
            area.update(main, main, t0 + std::chrono::milliseconds(600) + ShareArea::kShrinkDelay),
            main);
        QVERIFY(!area.shrinkDue());
    }

    // Moving the application moves the box with its size: a move, not a resize.
    void followsTheMainWindow()
    {
        const Rect main{100, 100, 400, 300};
        const Rect withMenu = Rect::fromEdges(100, 100, 600, 450);
        ShareArea area;
        area.reset(withMenu, main);
        const Rect moved = main.translated(50, -20);
        const Rect box = area.update(moved, moved, Clock::time_point{});
        QCOMPARE(box, withMenu.translated(50, -20));
        QVERIFY(area.shrinkDue()); // the menu is gone: smaller later

        // A dialog to the left grows the box to the left: its origin moves.
        const Rect dialog{0, 150, 80, 60};
        const Rect wanted = moved.united(dialog);
        const Rect grown = area.update(wanted, moved, Clock::time_point{});
        QCOMPARE(grown, box.united(dialog));
    }

    // What must be painted again when the windows change: only what they touched.
    void rearrangedAreaCoversWhatChanged()
    {
        const SharedWindow main{1, 0, SharedWindow::Kind::Main, {0, 0, 100, 80}, {}, false};
        const SharedWindow menu{2, 1, SharedWindow::Kind::Popup, {10, 10, 30, 50}, {}, false};
        const SharedWindow dialog{3, 1, SharedWindow::Kind::Window, {50, 40, 40, 30}, {}, false};
        QVERIFY(rearrangedArea({main}, {main}).isEmpty());
        // A menu opens on top: its place only; the main window has not moved in the stack.
        QCOMPARE(rearrangedArea({main}, {menu, main}), Region(menu.rect));
        QCOMPARE(rearrangedArea({menu, main}, {main}), Region(menu.rect));
        // The dialog moves: where it was and where it is.
        SharedWindow moved = dialog;
        moved.rect = moved.rect.translated(-20, 0);
        QCOMPARE(rearrangedArea({dialog, main}, {moved, main}),
                 Region(dialog.rect).united(moved.rect));
        // The main window is raised over the dialog: both are painted again.
        QCOMPARE(rearrangedArea({dialog, main}, {main, dialog}),
                 Region(main.rect).united(dialog.rect));
        // A new title or focus changes nothing in the picture.
        SharedWindow renamed = main;
        renamed.title = QStringLiteral("renamed");
        renamed.focused = true;
        QVERIFY(rearrangedArea({main}, {renamed}).isEmpty());
    }

    void canvasPaintsInsideTheClipOnly()
    {
        ShareCanvas canvas;
        canvas.resize(8, 4);
        QCOMPARE(canvas.view().pixel(7, 3), ShareCanvas::kBackground);
        Frame red(4, 4);
        red.fill(0xffff0000u);
        canvas.paint(red, 2, 0, Region(Rect{0, 0, 5, 2}), false);
        QCOMPARE(canvas.view().pixel(1, 0), ShareCanvas::kBackground);
        QCOMPARE(canvas.view().pixel(2, 0), 0xffff0000u);
        QCOMPARE(canvas.view().pixel(4, 1), 0xffff0000u);
        QCOMPARE(canvas.view().pixel(5, 1), ShareCanvas::kBackground); // outside the clip
        QCOMPARE(canvas.view().pixel(3, 2), ShareCanvas::kBackground);
        canvas.clear(Region(Rect{3, 0, 1, 1}));
        QCOMPARE(canvas.view().pixel(3, 0), ShareCanvas::kBackground);
        QCOMPARE(canvas.view().pixel(4, 0), 0xffff0000u);
    }

    // Premultiplied pixels over the opaque picture: src + dst × (255 − α) / 255, rounded.
    void canvasBlendsTranslucentWindows()
    {
        ShareCanvas canvas;
        canvas.resize(3, 1);
        Frame translucent(3, 1);
        translucent.setPixel(0, 0, 0x80800000u); // red at half opacity, premultiplied
        translucent.setPixel(1, 0, 0x00000000u); // fully transparent
        translucent.setPixel(2, 0, 0xff0000ffu); // opaque blue
        canvas.paint(translucent, 0, 0, Region(Rect{0, 0, 3, 1}), true);
        const uint32_t grey = ShareCanvas::kBackground & 0xffu; // the same in every channel
        const uint32_t under = (grey * 127 + 127) / 255; // what shows through
        QCOMPARE(canvas.view().pixel(0, 0),
                 0xff000000u | ((0x80 + under) << 16) | (under << 8) | under);
        QCOMPARE(canvas.view().pixel(1, 0), ShareCanvas::kBackground);
        QCOMPARE(canvas.view().pixel(2, 0), 0xff0000ffu);
    }
};

QTEST_GUILESS_MAIN(TestShareArea)
#include "tst_sharearea.moc"
