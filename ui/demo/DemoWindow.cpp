#include "ui/demo/DemoWindow.h"

#include "ui/demo/DemoCanvas.h"
#include "ui/demo/DemoChart.h"
#include "ui/demo/DemoText.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>

namespace baton::demo {
namespace {

QLabel *heading(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

DemoWindow::DemoWindow(quint32 seed, QWidget *parent)
    : QWidget(parent),
      editor_(new QPlainTextEdit(this)),
      list_(new QListWidget(this)),
      canvas_(new DemoCanvas(seed, this)),
      chart_(new DemoChart(seed, this))
{
    setObjectName(QStringLiteral("demoWindow"));
    setWindowTitle(tr("Baton Demo"));

    editor_->setObjectName(QStringLiteral("demoEditor"));
    editor_->setAccessibleName(tr("Document"));
    editor_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    editor_->setPlainText(DemoText::document(seed));

    list_->setObjectName(QStringLiteral("demoList"));
    list_->setAccessibleName(tr("Items"));
    list_->addItems(DemoText::listItems(seed));
    list_->setCurrentRow(0);

    auto *editorColumn = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editorColumn);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addWidget(heading(tr("&Document"), editor_, editorColumn));
    editorLayout->addWidget(editor_);

    auto *sideColumn = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(sideColumn);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(heading(tr("&Items"), list_, sideColumn));
    sideLayout->addWidget(list_, 2);
    sideLayout->addWidget(heading(tr("Drawing"), canvas_, sideColumn));
    sideLayout->addWidget(canvas_, 2);
    sideLayout->addWidget(heading(tr("Live chart"), chart_, sideColumn));
    sideLayout->addWidget(chart_, 2);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(editorColumn);
    splitter->addWidget(sideColumn);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(splitter);
    resize(1024, 700);
    setAnimated(true);
}

void DemoWindow::setAnimated(bool animated)
{
    chart_->setRunning(animated);
}

} // namespace baton::demo
