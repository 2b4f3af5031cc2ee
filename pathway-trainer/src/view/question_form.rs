//! One question asked in the what-if form, with every answer it allows: radios, checkboxes, a
//! reply for each checklist item, a number or text. What is entered is the core's `Entry`, as
//! on the practitioner's pages, kept in a signal until it is submitted; the core checks it and
//! the room plays it.

use crate::room::Room;
use leptos::prelude::*;
use pathway_core::{Answer, Entry, Reply, Step, StepKind};

#[component]
pub fn QuestionForm(
    room: Room,
    step: Step,
    /// The case's own answer, chosen to begin with.
    current: Option<Answer>,
    /// "What if" for the answer being changed; "Then" for a question the change leads to.
    heading: &'static str,
) -> impl IntoView {
    let entered = RwSignal::new(Entry::new(&step, current.as_ref()));
    let problems = RwSignal::new(Vec::<String>::new());
    let title = step.title.clone();
    let fields = controls(&step, entered);
    let submit = {
        let step = step.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            match room.check(&step, &entered.get_untracked()) {
                Some(Ok(answer)) => room.answer(answer),
                Some(Err(words)) => problems.set(words),
                None => {}
            }
        }
    };
    let shown = move || {
        problems.with(|p| {
            p.iter().map(|why| view! { <p class="govuk-error-message">{why.clone()}</p> }).collect_view()
        })
    };
    view! {
        <form class="pw-trainer__form" data-step=step.id.to_string() novalidate on:submit=submit>
            <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                    <h2 class="govuk-fieldset__heading">{format!("{heading}: {title}")}</h2>
                </legend>
                <div role="alert">{shown}</div>
                {fields}
            </fieldset>
            <button type="submit" class="govuk-button" data-testid="what-if-submit">
                "Show both outcomes"
            </button>
        </form>
    }
}

/// The form's controls, each bound to what is entered.
fn controls(step: &Step, entered: RwSignal<Entry>) -> AnyView {
    let field = |i: usize| format!("tr-q-{}-{i}", step.id);
    match &step.kind {
        StepKind::YesNo { allowed, .. } => {
            let radios = allowed.iter().enumerate().map(|(i, reply)| {
                let (reply, checked) = (*reply, entered.get_untracked() == Entry::Reply(Some(*reply)));
                radio(field(i), reply.label().to_owned(), checked, move || {
                    entered.set(Entry::Reply(Some(reply)))
                })
            });
            view! { <div class="govuk-radios govuk-radios--small">{radios.collect_view()}</div> }.into_any()
        }
        StepKind::SingleChoice { options } => {
            let radios = options.iter().enumerate().map(|(i, o)| {
                let (id, checked) =
                    (o.id.clone(), entered.get_untracked() == Entry::Choice(Some(o.id.clone())));
                radio(field(i), o.label.clone(), checked, move || {
                    entered.set(Entry::Choice(Some(id.clone())))
                })
            });
            view! { <div class="govuk-radios govuk-radios--small">{radios.collect_view()}</div> }.into_any()
        }
        StepKind::MultipleChoice { options } => {
            let boxes = options.iter().enumerate().map(|(i, o)| {
                let (id, step) = (o.id.clone(), step.clone());
                let ticked = move || matches!(&*entered.read(), Entry::Choices(chosen) if chosen.contains(&id));
                let option = o.id.clone();
                view! {
                    <div class="govuk-checkboxes__item">
                        <input
                            class="govuk-checkboxes__input"
                            type="checkbox"
                            name="option"
                            id=field(i)
                            // Ticking "none of these" unticks the rest: the core's `Entry` says so.
                            prop:checked=ticked
                            on:change=move |event| {
                                let on = event_target_checked(&event);
                                entered.update(|e| e.toggle(&step, &option, on));
                            }
                        />
                        <label class="govuk-label govuk-checkboxes__label" for=field(i)>{o.label.clone()}</label>
                    </div>
                }
            });
            view! { <div class="govuk-checkboxes govuk-checkboxes--small">{boxes.collect_view()}</div> }
                .into_any()
        }
        StepKind::Checklist { items, .. } => {
            let selects = items.iter().enumerate().map(|(i, item)| {
                let now = match entered.get_untracked() {
                    Entry::Checklist(given) => given.get(&item.id).copied(),
                    _ => None,
                };
                let options = std::iter::once(
                    view! { <option value="" selected=now.is_none()>"Not answered"</option> }.into_any(),
                )
                .chain(Reply::ALL.iter().map(|r| {
                    view! { <option value=r.id() selected=now == Some(*r)>{r.label()}</option> }.into_any()
                }))
                .collect_view();
                let id = item.id.clone();
                view! {
                    <div class="govuk-form-group">
                        <label class="govuk-label" for=field(i)>{item.text.clone()}</label>
                        <select
                            class="govuk-select"
                            id=field(i)
                            name=item.id.to_string()
                            on:change=move |event| {
                                let reply = Reply::from_id(&event_target_value(&event));
                                entered.update(|e| {
                                    if let Entry::Checklist(given) = e {
                                        match reply {
                                            Some(reply) => given.insert(id.clone(), reply),
                                            None => given.remove(&id),
                                        };
                                    }
                                });
                            }
                        >
                            {options}
                        </select>
                    </div>
                }
            });
            view! { <div class="pw-trainer__checklist">{selects.collect_view()}</div> }.into_any()
        }
        StepKind::Number { .. } => typed(step, entered, false),
        StepKind::Text { .. } => typed(step, entered, true),
        StepKind::Info => ().into_any(),
    }
}

fn radio(id: String, label: String, checked: bool, chosen: impl Fn() + 'static) -> AnyView {
    view! {
        <div class="govuk-radios__item">
            <input class="govuk-radios__input" type="radio" name="answer" id=id.clone() checked=checked on:change=move |_| chosen() />
            <label class="govuk-label govuk-radios__label" for=id>{label}</label>
        </div>
    }
    .into_any()
}

/// A number's field, or a text's.
fn typed(step: &Step, entered: RwSignal<Entry>, text: bool) -> AnyView {
    let now = match entered.get_untracked() {
        Entry::Number(t) | Entry::Text(t) => t,
        _ => String::new(),
    };
    let set = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        entered.set(if text { Entry::Text(value) } else { Entry::Number(value) });
    };
    if text {
        view! {
            <textarea class="govuk-textarea" name="text" rows="2" aria-label=step.title.clone() prop:value=now on:input=set></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                class="govuk-input govuk-input--width-4"
                type="text"
                inputmode="numeric"
                name="number"
                aria-label=step.title.clone()
                prop:value=now
                on:input=set
            />
        }
        .into_any()
    }
}
