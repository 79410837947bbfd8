#include "core/session/FloorControl.h"

#include <QRandomGenerator>
#include <QTest>

#include <functional>
#include <set>

using namespace std::chrono_literals;
using baton::FloorCause;
using baton::FloorControl;
using baton::FloorEvent;
using baton::FloorPolicy;
using baton::FloorRefusal;
using baton::ParticipantId;

Q_DECLARE_METATYPE(FloorPolicy)
Q_DECLARE_METATYPE(FloorRefusal)

namespace {

constexpr ParticipantId kHost = 1001;
constexpr ParticipantId kA = 1002;
constexpr ParticipantId kB = 1003;
constexpr ParticipantId kC = 1004; // joined, idle
constexpr ParticipantId kStranger = 1999; // never joined

const FloorControl::Clock::time_point kT0{std::chrono::hours(1)};

FloorControl make(FloorPolicy policy)
{
    FloorControl::Settings settings;
    settings.policy = policy;
    FloorControl floor(kHost, settings);
    for (ParticipantId p : {kA, kB, kC})
        floor.join(p);
    return floor;
}

// Starting states every action is tried from.
enum class Start { Free, AHolds, AHoldsBWaits, AOffersToB, BWaitsWhileFree };

FloorControl prepare(FloorPolicy policy, Start start)
{
    // Build the state under a policy that can reach it, then switch to the tested one.
    FloorControl floor = make(FloorPolicy::Ask);
    switch (start) {
    case Start::Free:
        break;
    case Start::AHolds:
        floor.request(kA, kT0);
        floor.grant(kHost, kA, kT0);
        break;
    case Start::AHoldsBWaits:
        floor.request(kA, kT0);
        floor.grant(kHost, kA, kT0);
        floor.request(kB, kT0);
        break;
    case Start::AOffersToB:
        floor.request(kA, kT0);
        floor.grant(kHost, kA, kT0);
        floor.passTo(kA, kB, kT0);
        break;
    case Start::BWaitsWhileFree:
        floor.request(kB, kT0);
        break;
    }
    if (policy != FloorPolicy::Ask) {
        // Collaborate drops the queue; Auto would grant a waiter on a free floor.
        floor.setPolicy(policy, kT0);
    }
    floor.takeEvents();
    return floor;
}

// Invariants that hold after every action in every state.
void checkInvariants(const FloorControl &floor, uint32_t generationBefore,
                     const std::vector<FloorEvent> &events)
{
    std::set<ParticipantId> seen;
    for (ParticipantId p : floor.queue()) {
        QVERIFY2(seen.insert(p).second, "a participant is queued twice");
        QVERIFY2(p != floor.holder(), "the holder is also queued");
        QVERIFY(p != kHost);
    }
    if (floor.policy() == FloorPolicy::Collaborate)
        QVERIFY(floor.queue().empty());
    QVERIFY(floor.holder() == kHost || floor.holder() == kA || floor.holder() == kB ||
            floor.holder() == kC);

    uint32_t changes = 0;
    const FloorEvent *lastHolder = nullptr;
    const FloorEvent *lastQueue = nullptr;
    for (const FloorEvent &e : events) {
        if (e.kind == FloorEvent::Kind::HolderChanged) {
            ++changes;
            QCOMPARE(e.generation, generationBefore + changes);
            QVERIFY(e.holder != e.previous);
            lastHolder = &e;
        }
        if (e.kind == FloorEvent::Kind::QueueChanged)
            lastQueue = &e;
    }
    QCOMPARE(floor.generation(), generationBefore + changes);
    if (lastHolder)
        QCOMPARE(lastHolder->holder, floor.holder());
    if (lastQueue)
        QCOMPARE(lastQueue->queue,
                 std::vector<ParticipantId>(floor.queue().begin(), floor.queue().end()));
}

struct Action {
    const char *name;
    std::function<FloorRefusal(FloorControl &)> run;
};

std::vector<Action> allActions()
{
    std::vector<Action> actions;
    for (ParticipantId p : {kHost, kA, kB, kC, kStranger}) {
        const QByteArray who = QByteArray::number(p);
        auto add = [&](const char *what, std::function<FloorRefusal(FloorControl &)> run) {
            static std::vector<QByteArray> names;
            names.push_back(QByteArray(what) + '(' + who + ')');
            actions.push_back({names.back().constData(), std::move(run)});
        };
        add("request", [p](FloorControl &f) { return f.request(p, kT0 + 5s); });
        add("cancel", [p](FloorControl &f) { return f.cancelRequest(p); });
        add("grantB", [p](FloorControl &f) { return f.grant(p, kB, kT0 + 5s); });
        add("denyB", [p](FloorControl &f) { return f.deny(p, kB); });
        add("revoke", [p](FloorControl &f) { return f.revoke(p, kT0 + 5s); });
        add("release", [p](FloorControl &f) { return f.release(p, kT0 + 5s); });
        add("passToC", [p](FloorControl &f) { return f.passTo(p, kC, kT0 + 5s); });
        add("passToB", [p](FloorControl &f) { return f.passTo(p, kB, kT0 + 5s); });
        add("accept", [p](FloorControl &f) { return f.acceptOffer(p, kT0 + 5s); });
        add("decline", [p](FloorControl &f) { return f.declineOffer(p, kT0 + 5s); });
        add("input", [p](FloorControl &f) { return f.admitInput(p, f.generation(), kT0 + 5s); });
        add("staleInput",
            [p](FloorControl &f) { return f.admitInput(p, f.generation() - 1, kT0 + 5s); });
        add("leave", [p](FloorControl &f) {
            f.leave(p, kT0 + 5s);
            return FloorRefusal::None;
        });
    }
    actions.push_back({"hostInput", [](FloorControl &f) {
                           f.hostInput(kT0 + 5s);
                           return FloorRefusal::None;
                       }});
    actions.push_back({"tickIdle", [](FloorControl &f) {
                           f.tick(kT0 + 120s);
                           return FloorRefusal::None;
                       }});
    return actions;
}

bool has(const std::vector<FloorEvent> &events, FloorEvent::Kind kind)
{
    return std::any_of(events.begin(), events.end(),
                       [kind](const FloorEvent &e) { return e.kind == kind; });
}

} // namespace

class TestFloorControl : public QObject {
    Q_OBJECT
private slots:
    void hostHoldsByDefault()
    {
        const FloorControl floor = make(FloorPolicy::Ask);
        QCOMPARE(floor.holder(), kHost);
        QVERIFY(floor.isFree());
        QCOMPARE(floor.generation(), 0u);
    }

    // Every action, by every kind of participant, from every state, under every policy:
    // the invariants hold and nobody outside the session changes anything.
    void everyActionFromEveryState_data()
    {
        QTest::addColumn<FloorPolicy>("policy");
        QTest::addColumn<int>("start");
        const char *starts[] = {"free", "A holds", "A holds, B waits", "A offers to B",
                                "B waits, floor free"};
        for (FloorPolicy policy : {FloorPolicy::Ask, FloorPolicy::Auto, FloorPolicy::Collaborate})
            for (int s = 0; s < 5; ++s)
                QTest::addRow("%s / %s", baton::toString(policy), starts[s]) << policy << s;
    }
    void everyActionFromEveryState()
    {
        QFETCH(FloorPolicy, policy);
        QFETCH(int, start);
        for (const Action &action : allActions()) {
            FloorControl floor = prepare(policy, static_cast<Start>(start));
            const uint32_t generation = floor.generation();
            const ParticipantId holder = floor.holder();
            const auto queue = floor.queue();
            const FloorRefusal refusal = action.run(floor);
            const auto events = floor.takeEvents();
            checkInvariants(floor, generation, events);
            if (QTest::currentTestFailed())
                QFAIL(action.name);
            if (refusal != FloorRefusal::None) {
                // A refused action changes nothing.
                QVERIFY2(events.empty(), action.name);
                QCOMPARE(floor.holder(), holder);
                QCOMPARE(floor.queue(), queue);
            }
            if (QByteArray(action.name).endsWith("(1999)") &&
                !QByteArray(action.name).startsWith("leave"))
                QVERIFY2(refusal != FloorRefusal::None, action.name);
        }
    }

    void askPolicy()
    {
        FloorControl floor = make(FloorPolicy::Ask);
        QCOMPARE(floor.request(kA, kT0), FloorRefusal::None);
        auto events = floor.takeEvents();
        QVERIFY(has(events, FloorEvent::Kind::RequestPending));
        QCOMPARE(floor.holder(), kHost);
        QCOMPARE(floor.request(kA, kT0), FloorRefusal::AlreadyQueued);
        QCOMPARE(floor.request(kB, kT0), FloorRefusal::None);
        QCOMPARE(floor.grant(kA, kB, kT0), FloorRefusal::NotHost);
        QCOMPARE(floor.deny(kHost, kA), FloorRefusal::None);
        events = floor.takeEvents();
        QVERIFY(has(events, FloorEvent::Kind::RequestDenied));
        QCOMPARE(floor.grant(kHost, kA, kT0), FloorRefusal::NotQueued);
        QCOMPARE(floor.grant(kHost, kB, kT0), FloorRefusal::None);
        QCOMPARE(floor.holder(), kB);
        QCOMPARE(floor.generation(), 1u);
        // Release under ask gives the floor back to the host, not to the next in line.
        QCOMPARE(floor.request(kC, kT0), FloorRefusal::None);
        QCOMPARE(floor.release(kB, kT0), FloorRefusal::None);
        QCOMPARE(floor.holder(), kHost);
        QCOMPARE(floor.queue(), std::deque<ParticipantId>{kC});
    }

    void autoPolicyQueuesInArrivalOrder()
    {
        FloorControl floor = make(FloorPolicy::Auto);
        QCOMPARE(floor.request(kA, kT0), FloorRefusal::None);
        QCOMPARE(floor.holder(), kA);
        floor.request(kC, kT0);
        floor.request(kB, kT0);
        QCOMPARE(floor.queue(), (std::deque<ParticipantId>{kC, kB}));
        floor.takeEvents();
        QCOMPARE(floor.release(kA, kT0), FloorRefusal::None);
        QCOMPARE(floor.holder(), kC);
        const auto events = floor.takeEvents();
        QCOMPARE(events.back().cause, FloorCause::AutoGranted);
        QCOMPARE(floor.cancelRequest(kB), FloorRefusal::None);
        QCOMPARE(floor.release(kC, kT0), FloorRefusal::None);
        QCOMPARE(floor.holder(), kHost);
        // Revoke keeps the queue; the host's release lets it move again.
        floor.request(kA, kT0);
        floor.request(kB, kT0);
        QCOMPARE(floor.revoke(kHost, kT0), FloorRefusal::None);
        QCOMPARE(floor.holder(), kHost);
        QCOMPARE(floor.queue(), std::deque<ParticipantId>{kB});
        QCOMPARE(floor.release(kHost, kT0), FloorRefusal::None);
        QCOMPARE(floor.holder(), kB);
    }

    void collaborateHoldOff()
    {
        FloorControl floor = make(FloorPolicy::Collaborate);
        QCOMPARE(floor.admitInput(kA, floor.generation(), kT0), FloorRefusal::None);
        QCOMPARE(floor.holder(), kA);
        QCOMPARE(floor.admitInput(kA, floor.generation(), kT0 + 1s), FloorRefusal::None);
        // B acts while A is active: held off; after the hold-off B takes over.
        QCOMPARE(floor.admitInput(kB, 0, kT0 + 2s), FloorRefusal::HoldOff);
        QCOMPARE(floor.holder(), kA);
        QCOMPARE(floor.admitInput(kB, 0, kT0 + 2500ms + 1ms), FloorRefusal::None);
        QCOMPARE(floor.holder(), kB);
        QCOMPARE(floor.takeEvents().back().cause, FloorCause::Taken);
        // The host's own activity holds collaborators off as well.
        floor.hostInput(kT0 + 3s);
        QCOMPARE(floor.holder(), kHost);
        QCOMPARE(floor.admitInput(kC, 0, kT0 + 3s + 100ms), FloorRefusal::HoldOff);
        QCOMPARE(floor.request(kC, kT0 + 6s), FloorRefusal::None);
        QCOMPARE(floor.holder(), kC);
    }

    void inputOnlyFromTheHolderWithCurrentGeneration()
    {
        FloorControl floor = make(FloorPolicy::Auto);
        QCOMPARE(floor.admitInput(kA, 0, kT0), FloorRefusal::NotHolder);
        floor.request(kA, kT0);
        const uint32_t generation = floor.generation();
        QCOMPARE(floor.admitInput(kA, generation, kT0), FloorRefusal::None);
        QCOMPARE(floor.admitInput(kA, generation - 1, kT0), FloorRefusal::StaleGeneration);
        QCOMPARE(floor.admitInput(kB, generation, kT0), FloorRefusal::NotHolder);
        QCOMPARE(floor.admitInput(kStranger, generation, kT0), FloorRefusal::UnknownParticipant);
        floor.revoke(kHost, kT0);
        QCOMPARE(floor.admitInput(kA, generation, kT0), FloorRefusal::NotHolder);
    }

    void passToAQueuedParticipantIsImmediate()
    {
        FloorControl floor = make(FloorPolicy::Auto);
        floor.request(kA, kT0);
        floor.request(kB, kT0);
        QCOMPARE(floor.passTo(kC, kB, kT0), FloorRefusal::NotHolder);
        QCOMPARE(floor.passTo(kA, kB, kT0), FloorRefusal::None);
        QCOMPARE(floor.holder(), kB);
        QVERIFY(floor.queue().empty());
    }

    void passToAnotherIsAnOffer()
    {
        FloorControl floor = make(FloorPolicy::Ask);
        floor.request(kA, kT0);
        floor.grant(kHost, kA, kT0);
        floor.takeEvents();
        QCOMPARE(floor.passTo(kA, kC, kT0), FloorRefusal::None);
        QCOMPARE(floor.holder(), kA);
        QCOMPARE(floor.pendingOfferTo(), std::optional<ParticipantId>(kC));
        QVERIFY(has(floor.takeEvents(), FloorEvent::Kind::OfferMade));
        QCOMPARE(floor.acceptOffer(kB, kT0), FloorRefusal::NoOffer);
        QCOMPARE(floor.acceptOffer(kC, kT0), FloorRefusal::None);
        QCOMPARE(floor.holder(), kC);
        // An offer that is declined or lapses leaves the holder in place.
        floor.passTo(kC, kA, kT0);
        QCOMPARE(floor.declineOffer(kA, kT0), FloorRefusal::None);
        QCOMPARE(floor.holder(), kC);
        floor.passTo(kC, kA, kT0);
        floor.tick(kT0 + 31s);
        QVERIFY(!floor.pendingOfferTo());
        QCOMPARE(floor.acceptOffer(kA, kT0 + 31s), FloorRefusal::NoOffer);
    }

    void idleTimeoutWithFakeClock()
    {
        FloorControl floor = make(FloorPolicy::Auto);
        floor.request(kA, kT0);
        floor.request(kB, kT0);
        floor.admitInput(kA, floor.generation(), kT0 + 30s);
        floor.tick(kT0 + 89s);
        QCOMPARE(floor.holder(), kA); // 59 s since A's last input
        floor.tick(kT0 + 90s);
        QCOMPARE(floor.holder(), kB); // auto hands it to the next in line
        floor.takeEvents();
        floor.tick(kT0 + 150s);
        QCOMPARE(floor.holder(), kHost);
        QCOMPARE(floor.takeEvents().back().cause, FloorCause::IdleTimeout);
    }

    void hostPreemption()
    {
        FloorControl floor = make(FloorPolicy::Auto);
        floor.request(kA, kT0);
        floor.takeEvents();
        floor.hostInput(kT0 + 1s);
        QCOMPARE(floor.holder(), kHost);
        const auto events = floor.takeEvents();
        QCOMPARE(events.size(), std::size_t{1});
        QCOMPARE(events[0].cause, FloorCause::Preempted);
        QCOMPARE(events[0].previous, kA);
    }

    void holderDisconnect()
    {
        FloorControl floor = make(FloorPolicy::Auto);
        floor.request(kA, kT0);
        floor.request(kB, kT0);
        floor.leave(kA, kT0);
        QCOMPARE(floor.holder(), kB);
        QCOMPARE(floor.request(kA, kT0), FloorRefusal::UnknownParticipant);
        floor.setPolicy(FloorPolicy::Ask, kT0);
        floor.leave(kB, kT0);
        QCOMPARE(floor.holder(), kHost);
        QCOMPARE(floor.takeEvents().back().cause, FloorCause::Disconnected);
    }

    void switchingToAutoGrantsTheWaiter()
    {
        FloorControl floor = make(FloorPolicy::Ask);
        floor.request(kB, kT0);
        floor.request(kA, kT0);
        floor.setPolicy(FloorPolicy::Auto, kT0);
        QCOMPARE(floor.holder(), kB);
        QCOMPARE(floor.queue(), std::deque<ParticipantId>{kA});
        floor.setPolicy(FloorPolicy::Collaborate, kT0);
        QVERIFY(floor.queue().empty());
    }

    // Long random runs keep the invariants.
    void randomWalk()
    {
        QRandomGenerator rng(1627);
        const std::vector<Action> actions = allActions();
        for (FloorPolicy policy : {FloorPolicy::Ask, FloorPolicy::Auto, FloorPolicy::Collaborate}) {
            FloorControl floor = make(policy);
            for (int step = 0; step < 4000; ++step) {
                if (step % 500 == 0)
                    for (ParticipantId p : {kA, kB, kC})
                        floor.join(p);
                const uint32_t generation = floor.generation();
                actions[rng.bounded(static_cast<quint32>(actions.size()))].run(floor);
                checkInvariants(floor, generation, floor.takeEvents());
                if (QTest::currentTestFailed())
                    return;
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestFloorControl)
#include "tst_floorcontrol.moc"
