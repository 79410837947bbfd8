#include "ui/demo/DemoCanvas.h"
#include "ui/demo/DemoWindow.h"
#include "ui/input/QtKeyMap.h"
#include "ui/input/WidgetInputInjector.h"

#include <QListWidget>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTest>

using baton::KeyInput;
using baton::PointerInput;
using baton::WidgetInputInjector;
using baton::demo::DemoWindow;

namespace {

QPoint centreOf(QWidget *window, QWidget *child)
{
    return child->mapTo(window, child->rect().center());
}

} // namespace

class TestWidgetInputInjector : public QObject {
    Q_OBJECT
private slots:
    void typesIntoTheFocusedEditor()
    {
        DemoWindow window;
        window.setAnimated(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        WidgetInputInjector injector(&window);

        // A click in the editor focuses it and puts the cursor there.
        const QPoint editor = window.editor()->mapTo(&window, QPoint(30, 10));
        QVERIFY(injector.pointer({PointerInput::Type::Press, editor, 1, 0, 0}));
        QVERIFY(injector.pointer({PointerInput::Type::Release, editor, 1, 0, 0}));
        QCOMPARE(window.focusWidget(), window.editor());
        window.editor()->moveCursor(QTextCursor::Start);

        // Scancodes: Shift+H, i; then composed text.
        QVERIFY(injector.key({0x2a, false, true}));
        QVERIFY(injector.key({0x23, false, true}));
        QVERIFY(injector.key({0x23, false, false}));
        QVERIFY(injector.key({0x2a, false, false}));
        QVERIFY(injector.key({0x17, false, true}));
        QVERIFY(injector.key({0x17, false, false}));
        QVERIFY(injector.text(QStringLiteral(" ü€日本\n")));
        QVERIFY(window.editor()->toPlainText().startsWith(QStringLiteral("Hi ü€日本\n")));
        QVERIFY(!injector.key({0x00, false, true}));
    }

    void clicksSelectAndDragsDraw()
    {
        DemoWindow window;
        window.setAnimated(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        WidgetInputInjector injector(&window);

        QListWidget *list = window.list();
        const QRect third = list->visualItemRect(list->item(2));
        const QPoint item = list->viewport()->mapTo(&window, third.center());
        injector.pointer({PointerInput::Type::Press, item, 1, 0, 0});
        injector.pointer({PointerInput::Type::Release, item, 1, 0, 0});
        QCOMPARE(list->currentRow(), 2);

        const int strokes = window.canvas()->strokeCount();
        const QPoint start = centreOf(&window, window.canvas());
        injector.pointer({PointerInput::Type::Press, start, 1, 0, 0});
        // The drag leaves the canvas: the implicit grab keeps it the canvas's.
        injector.pointer({PointerInput::Type::Move, start + QPoint(2000, 0), 0, 0, 0});
        injector.pointer({PointerInput::Type::Release, start + QPoint(2000, 0), 1, 0, 0});
        QCOMPARE(window.canvas()->strokeCount(), strokes + 1);
    }

    void wheelScrollsAndPositionsAreClamped()
    {
        DemoWindow window;
        window.setAnimated(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        WidgetInputInjector injector(&window);
        QScrollBar *bar = window.editor()->verticalScrollBar();
        QCOMPARE(bar->value(), 0);
        const QPoint inEditor = centreOf(&window, window.editor());
        injector.pointer({PointerInput::Type::Wheel, inEditor, 0, 0, -360});
        QVERIFY(bar->value() > 0);

        // Released buttons after releaseAll(): a second press starts a fresh grab.
        injector.pointer({PointerInput::Type::Press, {-50, -50}, 1, 0, 0});
        injector.releaseAll();
        QVERIFY(injector.pointer({PointerInput::Type::Move, {100000, 100000}, 0, 0, 0}));
    }

    void keyMap()
    {
        const auto a = baton::qtKeyFromScancode(0x1e, false);
        QVERIFY(a);
        QCOMPARE(a->key, int(Qt::Key_A));
        QCOMPARE(a->shifted, QStringLiteral("A"));
        QCOMPARE(baton::qtKeyFromScancode(0x48, true)->key, int(Qt::Key_Up));
        QVERIFY(!baton::qtKeyFromScancode(0x48, false) ||
                baton::qtKeyFromScancode(0x48, false)->key != Qt::Key_Up);
    }

    void goneWidget()
    {
        auto *window = new QWidget;
        WidgetInputInjector injector(window);
        delete window;
        QVERIFY(!injector.text(QStringLiteral("x")));
        QVERIFY(injector.errorString().contains(QLatin1String("gone")));
    }
};

QTEST_MAIN(TestWidgetInputInjector)
#include "tst_widgetinputinjector.moc"
