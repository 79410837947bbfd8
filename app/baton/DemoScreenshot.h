#pragma once

#include <QObject>
#include <QPointer>
#include <QList>
#include <QString>

class QWidget;

namespace baton {

// Grabs windows side by side into one PNG after a delay and then quits the
// application: how `tools/dev run` shows the demo on a machine without a display.
class DemoScreenshot : public QObject {
    Q_OBJECT
public:
    DemoScreenshot(const QList<QWidget *> &targets, QString path, int delayMs,
                   QObject *parent = nullptr);

private:
    void capture();

    QList<QPointer<QWidget>> targets_;
    QString path_;
};

} // namespace baton
