#pragma once

#include "ui/displays/DisplayState.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace baton::ui {

// The properties of one display and editors for those a person may change: mode,
// rotation, primary, brightness and power. An editor whose property the display lacks
// is disabled, with the agent's words for why beside it. Values the agent reports
// later (events) replace what an editor shows unless the person has changed it.
// Apply asks for every changed value at once.
class DisplayPropertiesEditor : public QWidget {
    Q_OBJECT
public:
    using Changes = QList<std::pair<QString, QString>>;

    explicit DisplayPropertiesEditor(QWidget *parent = nullptr);

    // nullopt: no display selected. canChangeLayout: the agent offers `layout`.
    void setDisplay(const std::optional<DisplayState> &display, bool canChangeLayout);
    // The values that differ from the display's, in the order of the editors.
    Changes changes() const;

signals:
    void applyRequested(const baton::ui::DisplayPropertiesEditor::Changes &changes);

private:
    struct Row {
        QString property;
        QWidget *editor = nullptr;
        QLabel *reason = nullptr;
    };
    QString editorValue(const QString &property) const;
    void showValue(const QString &property, const DisplayState &display);
    void setSupported(Row &row, const QString &whyNot);
    void updateApply();
    QLabel *reasonLabel(const QString &objectName);

    QLabel *facts_;
    QComboBox *mode_;
    QComboBox *rotation_;
    QCheckBox *primary_;
    QSpinBox *brightness_;
    QComboBox *power_;
    QPushButton *apply_;
    QList<Row> rows_;
    std::optional<DisplayState> shown_;
    bool filling_ = false; // editors are being set from the agent's values, not by a person
};

} // namespace baton::ui
