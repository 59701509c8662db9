//! Where an accord is in its life, and who may move it on: the table of `docs/accords.md`,
//! enforced here and nowhere else.

crate::vocabulary::vocabulary! {
    /// `draft -> co_design -> approved -> open_for_signature -> active -> monitoring ->
    /// concluded`, and `withdrawn` from any state before `concluded`.
    pub enum State {
        Draft = "draft",
        CoDesign = "co_design",
        Approved = "approved",
        OpenForSignature = "open_for_signature",
        Active = "active",
        Monitoring = "monitoring",
        Concluded = "concluded",
        Withdrawn = "withdrawn",
    }
}

/// What a person is, for an accord of one community.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Authority {
    pub admin: bool,
    /// A facilitator of the accord's community.
    pub facilitator: bool,
    /// A member of an organisation of kind `municipality` of this instance: the city's
    /// offices, who approve accords and answer for their budgets.
    pub municipality: bool,
}

impl Authority {
    /// Drafts an accord, writes its versions, reads it while it is a draft.
    pub fn edits(self) -> bool {
        self.admin || self.facilitator || self.municipality
    }

    /// Speaks for the city: approves, activates, concludes.
    pub fn for_the_city(self) -> bool {
        self.admin || self.municipality
    }
}

/// A step out of a state: where it goes, and who may take it.
pub type Step = (State, fn(Authority) -> bool);

impl State {
    /// Versions can still be written: the text is being drafted or co-designed.
    pub fn takes_versions(self) -> bool {
        matches!(self, State::Draft | State::CoDesign)
    }

    /// Seen only by those who edit it.
    pub fn is_private(self) -> bool {
        self == State::Draft
    }

    /// The steps out of this state, each with who may take it. An empty list: the end.
    pub fn steps(self) -> &'static [Step] {
        use State::*;
        match self {
            Draft => &[(CoDesign, Authority::edits), (Withdrawn, Authority::edits)],
            CoDesign => &[
                (Approved, Authority::for_the_city),
                (Withdrawn, Authority::edits),
            ],
            Approved => &[
                (OpenForSignature, Authority::edits),
                (Withdrawn, Authority::for_the_city),
            ],
            OpenForSignature => &[
                (Active, Authority::for_the_city),
                (Withdrawn, Authority::for_the_city),
            ],
            Active => &[
                (Monitoring, Authority::edits),
                (Withdrawn, Authority::for_the_city),
            ],
            Monitoring => &[
                (Concluded, Authority::for_the_city),
                (Withdrawn, Authority::for_the_city),
            ],
            Concluded | Withdrawn => &[],
        }
    }

    /// `None`: there is no step from here to `to`; `Some(false)`: there is, but not for `who`.
    pub fn may_move(self, to: State, who: Authority) -> Option<bool> {
        self.steps()
            .iter()
            .find(|(next, _)| *next == to)
            .map(|(_, may)| may(who))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESIDENT: Authority = Authority {
        admin: false,
        facilitator: false,
        municipality: false,
    };
    const FACILITATOR: Authority = Authority {
        facilitator: true,
        ..RESIDENT
    };
    const CITY: Authority = Authority {
        municipality: true,
        ..RESIDENT
    };

    #[test]
    fn the_city_approves_and_facilitators_do_not() {
        assert_eq!(State::CoDesign.may_move(State::Approved, CITY), Some(true));
        assert_eq!(
            State::CoDesign.may_move(State::Approved, FACILITATOR),
            Some(false)
        );
        assert_eq!(
            State::Draft.may_move(State::CoDesign, FACILITATOR),
            Some(true)
        );
        assert_eq!(
            State::Draft.may_move(State::CoDesign, RESIDENT),
            Some(false)
        );
    }

    #[test]
    fn no_step_skips_a_state_or_leaves_the_end() {
        assert_eq!(State::Draft.may_move(State::Active, CITY), None);
        assert_eq!(State::Concluded.may_move(State::Withdrawn, CITY), None);
        assert_eq!(State::Withdrawn.may_move(State::Draft, CITY), None);
        for state in State::ALL {
            let withdrawable = !matches!(state, State::Concluded | State::Withdrawn);
            assert_eq!(
                state.may_move(State::Withdrawn, CITY).is_some(),
                withdrawable,
                "{state}"
            );
        }
    }
}
