#include "ui/displays/DisplayPropertiesEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace baton::ui {

namespace {

QString yesNo(bool yes)
{
    return yes ? QStringLiteral("yes") : QStringLiteral("no");
}

} // namespace

DisplayPropertiesEditor::DisplayPropertiesEditor(QWidget *parent)
    : QWidget(parent), facts_(new QLabel(this)), mode_(new QComboBox(this)), rotation_(new QComboBox(this)),
      primary_(new QCheckBox(tr("&Primary display"), this)), brightness_(new QSpinBox(this)),
      power_(new QComboBox(this)), apply_(new QPushButton(tr("&Apply"), this))
{
    facts_->setObjectName(QStringLiteral("displayFacts"));
    facts_->setWordWrap(true);
    facts_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mode_->setObjectName(QStringLiteral("modeEditor"));
    mode_->setAccessibleName(tr("Mode"));
    rotation_->setObjectName(QStringLiteral("rotationEditor"));
    rotation_->setAccessibleName(tr("Rotation"));
    primary_->setObjectName(QStringLiteral("primaryEditor"));
    primary_->setAccessibleName(tr("Primary display"));
    brightness_->setObjectName(QStringLiteral("brightnessEditor"));
    brightness_->setAccessibleName(tr("Brightness"));
    brightness_->setRange(0, 100);
    brightness_->setSuffix(tr(" %"));
    power_->setObjectName(QStringLiteral("powerEditor"));
    power_->setAccessibleName(tr("Power"));
    apply_->setObjectName(QStringLiteral("applyButton"));
    apply_->setAccessibleName(tr("Apply the changed display settings"));

    rows_ = {{QStringLiteral("mode"), mode_, reasonLabel(QStringLiteral("modeReason"))},
             {QStringLiteral("rotation"), rotation_, reasonLabel(QStringLiteral("rotationReason"))},
             {QStringLiteral("primary"), primary_, reasonLabel(QStringLiteral("primaryReason"))},
             {QStringLiteral("brightness"), brightness_, reasonLabel(QStringLiteral("brightnessReason"))},
             {QStringLiteral("power"), power_, reasonLabel(QStringLiteral("powerReason"))}};

    auto *form = new QFormLayout;
    const QStringList captions = {tr("&Mode:"), tr("R&otation:"), QString(), tr("&Brightness:"), tr("Po&wer:")};
    for (qsizetype i = 0; i < rows_.size(); ++i) {
        auto *cell = new QVBoxLayout;
        cell->addWidget(rows_[i].editor);
        cell->addWidget(rows_[i].reason);
        if (captions[i].isEmpty()) {
            form->addRow(cell);
            continue;
        }
        auto *caption = new QLabel(captions[i], this);
        caption->setBuddy(rows_[i].editor);
        form->addRow(caption, cell);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(facts_);
    layout->addLayout(form);
    layout->addWidget(apply_, 0, Qt::AlignRight);

    setTabOrder(mode_, rotation_);
    setTabOrder(rotation_, primary_);
    setTabOrder(primary_, brightness_);
    setTabOrder(brightness_, power_);
    setTabOrder(power_, apply_);

    const auto edited = [this] {
        if (!filling_)
            updateApply();
    };
    connect(mode_, &QComboBox::currentIndexChanged, this, edited);
    connect(rotation_, &QComboBox::currentIndexChanged, this, edited);
    connect(primary_, &QCheckBox::toggled, this, edited);
    connect(brightness_, &QSpinBox::valueChanged, this, edited);
    connect(power_, &QComboBox::currentIndexChanged, this, edited);
    connect(apply_, &QPushButton::clicked, this, [this] { emit applyRequested(changes()); });
    setDisplay(std::nullopt, false);
}

QLabel *DisplayPropertiesEditor::reasonLabel(const QString &objectName)
{
    auto *label = new QLabel(this);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->hide();
    return label;
}

QString DisplayPropertiesEditor::editorValue(const QString &property) const
{
    if (property == u"mode")
        return mode_->currentData().toString();
    if (property == u"rotation")
        return rotation_->currentData().toString();
    if (property == u"primary")
        return yesNo(primary_->isChecked());
    if (property == u"brightness")
        return QString::number(brightness_->value());
    if (property == u"power")
        return power_->currentData().toString();
    return {};
}

void DisplayPropertiesEditor::showValue(const QString &property, const DisplayState &display)
{
    const QString value = display.value(property);
    const auto fillCombo = [&value](QComboBox *combo, const QStringList &choices, const auto &caption) {
        combo->clear();
        QStringList all = choices;
        if (!value.isEmpty() && !all.contains(value))
            all.prepend(value);
        for (const QString &choice : std::as_const(all))
            combo->addItem(caption(choice), choice);
        combo->setCurrentIndex(int(all.indexOf(value)));
    };
    const auto list = [&display](const QString &name) {
        return display.value(name).split(u',', Qt::SkipEmptyParts);
    };
    if (property == u"mode") {
        fillCombo(mode_, list(QStringLiteral("modes")), [](const QString &mode) { return mode; });
    } else if (property == u"rotation") {
        fillCombo(rotation_, list(QStringLiteral("rotations")),
                  [](const QString &deg) { return tr("%1°", "rotation in degrees").arg(deg); });
    } else if (property == u"primary") {
        primary_->setChecked(value == u"yes");
    } else if (property == u"brightness") {
        brightness_->setValue(value.toInt());
    } else if (property == u"power") {
        fillCombo(power_, list(QStringLiteral("power-modes")), [](const QString &state) {
            return state == u"on"        ? tr("On")
                   : state == u"standby" ? tr("Standby")
                   : state == u"off"     ? tr("Off")
                                         : state;
        });
    }
}

void DisplayPropertiesEditor::setSupported(Row &row, const QString &whyNot)
{
    row.editor->setEnabled(whyNot.isEmpty());
    row.editor->setToolTip(whyNot);
    row.editor->setAccessibleDescription(whyNot);
    row.reason->setText(whyNot);
    row.reason->setVisible(!whyNot.isEmpty());
}

void DisplayPropertiesEditor::setDisplay(const std::optional<DisplayState> &display, bool canChangeLayout)
{
    filling_ = true;
    const bool sameDisplay = display && shown_ && shown_->id == display->id;
    for (Row &row : rows_) {
        if (!display) {
            setSupported(row, QString());
            row.editor->setEnabled(false); // nothing to edit; the facts say why
            continue;
        }
        // Keep what a person has typed over but not applied yet.
        const bool untouched = !sameDisplay || editorValue(row.property) == shown_->value(row.property);
        if (untouched || !display->has(row.property))
            showValue(row.property, *display);
        QString whyNot = display->unsupported.value(row.property);
        const bool layout = row.property != u"brightness" && row.property != u"power";
        if (whyNot.isEmpty() && layout && !canChangeLayout)
            whyNot = tr("This agent cannot change modes, rotation or the primary display.");
        if (whyNot.isEmpty() && !display->has(row.property))
            whyNot = tr("The agent did not report this property.");
        setSupported(row, whyNot);
    }
    if (display) {
        QStringList facts;
        const auto fact = [&facts, &display](const QString &caption, const QString &name) {
            if (display->has(name))
                facts << caption.arg(display->value(name).toHtmlEscaped());
        };
        fact(tr("<b>%1</b>"), QStringLiteral("connector"));
        fact(tr("Model: %1"), QStringLiteral("model"));
        fact(tr("Maker: %1"), QStringLiteral("manufacturer"));
        fact(tr("Position: %1"), QStringLiteral("position"));
        fact(tr("Size: %1"), QStringLiteral("physical-size"));
        fact(tr("Enabled: %1"), QStringLiteral("enabled"));
        fact(tr("Id: %1"), QStringLiteral("id"));
        facts_->setText(facts.join(QStringLiteral("<br>")));
    } else {
        facts_->setText(tr("No display selected."));
    }
    shown_ = display;
    filling_ = false;
    updateApply();
}

DisplayPropertiesEditor::Changes DisplayPropertiesEditor::changes() const
{
    Changes changed;
    if (!shown_)
        return changed;
    for (const Row &row : rows_) {
        const QString value = editorValue(row.property);
        if (row.editor->isEnabled() && !value.isEmpty() && value != shown_->value(row.property))
            changed.append({row.property, value});
    }
    return changed;
}

void DisplayPropertiesEditor::updateApply()
{
    apply_->setEnabled(!changes().isEmpty());
}

} // namespace baton::ui
