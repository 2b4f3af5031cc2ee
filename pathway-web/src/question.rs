//! One question per page, following the GOV.UK Design System's question pages.

use crate::{AppState, Screen, dom};
use leptos::prelude::*;
use pathway_core::{
    Answer, Entry, EntryProblem, Field, FieldProblem, OptionId, Position, Reply, Requirement, Step, StepKind,
};

/// A problem with what was entered, worded for the page, and the element to focus to fix it.
#[derive(Clone, Debug, PartialEq)]
struct FieldError {
    field: String,
    message: String,
}

fn error(field: impl Into<String>, message: impl Into<String>) -> Vec<FieldError> {
    vec![FieldError { field: field.into(), message: message.into() }]
}

/// The first control of a field, which an error links to.
fn first_field(step: &Step) -> String {
    match &step.kind {
        StepKind::Checklist { items, .. } => {
            items.first().map(|i| format!("item-{}-0", i.id)).unwrap_or_default()
        }
        StepKind::Number { .. } | StepKind::Text { .. } => "answer".into(),
        _ => "answer-0".into(),
    }
}

/// The core's findings about a page, in GOV.UK's wording, each tied to the control to focus.
fn field_errors(step: &Step, problems: &[FieldProblem]) -> Vec<FieldError> {
    problems
        .iter()
        .map(|p| {
            let field = match &p.field {
                Field::Item(item) => format!("item-{item}-0"),
                Field::Answer => first_field(step),
            };
            let message = match &p.problem {
                EntryProblem::NothingSelected if matches!(step.kind, StepKind::YesNo { .. }) => {
                    "Select an answer".into()
                }
                EntryProblem::NothingSelected => "Select an option".into(),
                EntryProblem::NothingTicked { none: Some(none) } => {
                    format!("Select all that apply, or select ‘{none}’")
                }
                EntryProblem::NothingTicked { none: None } => "Select at least one option".into(),
                EntryProblem::ExclusiveWithOthers { label } => {
                    format!("‘{label}’ cannot be selected with other options")
                }
                EntryProblem::ItemUnanswered { number, text } => format!("Answer question {number}: {text}"),
                EntryProblem::NumberMissing => "Enter a number".into(),
                EntryProblem::NotAWholeNumber => "Enter a whole number, like 3".into(),
                EntryProblem::NumberOutOfRange { min, max } => format!("Enter a number from {min} to {max}"),
                EntryProblem::TextRequired => "Enter your answer: the referral needs it".into(),
                EntryProblem::TextTooLong { limit } => {
                    format!("Your answer must be {limit} characters or fewer")
                }
            };
            FieldError { field, message }
        })
        .collect()
}

/// The question to ask now: the next on the walk, or the one being changed.
#[component]
pub fn CurrentQuestion() -> impl IntoView {
    let Some(state) = use_context::<AppState>() else { return ().into_any() };
    (move || {
        let pathway = state.pathway.get()?;
        let session = state.session.get()?;
        let changing = state.changing.get();
        let step = match &changing {
            Some(id) => pathway.step(id.as_str())?.clone(),
            None => match session.position(&pathway).ok()? {
                Position::Asking(step) => step.clone(),
                Position::Finished => return None,
            },
        };
        let progress = if changing.is_some() {
            None
        } else {
            session
                .progress(&pathway)
                .ok()
                .map(|p| (p.answered + 1, p.answered + p.fewest_left, p.answered + p.most_left))
        };
        let prefill = state.prefill.get_untracked();
        Some(view! { <QuestionPage step=step progress=progress prefill=prefill/> })
    })
    .into_any()
}

#[component]
fn QuestionPage(
    step: Step,
    progress: Option<(usize, usize, usize)>,
    prefill: Option<Answer>,
) -> impl IntoView {
    let Some(state) = use_context::<AppState>() else { return ().into_any() };
    let draft = RwSignal::new(Entry::new(&step, prefill.as_ref()));
    let errors: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());
    // A checklist is asked a topic at a time. Coming back to it from the next question opens
    // its last topic, as going back through pages would.
    let topic_count = step.kind.topics().len();
    let returning = prefill.is_some() && state.changing.get_untracked().is_none();
    let topic = RwSignal::new(if returning { topic_count.saturating_sub(1) } else { 0 });
    let heading = NodeRef::new();
    let summary = NodeRef::<leptos::html::Div>::new();
    dom::announce_page(step.title.clone(), heading, false);
    let title = step.title.clone();
    Effect::new(move |_| {
        if !errors.get().is_empty() {
            document().set_title(&format!("Error: {title}"));
            if let Some(s) = summary.get() {
                let _ = s.focus();
            }
        }
    });

    let for_submit = step.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let at = topic.get_untracked();
        if at + 1 < topic_count {
            let problems = draft.get_untracked().check_topic(&for_submit, at);
            if problems.is_empty() {
                errors.set(Vec::new());
                topic.set(at + 1);
                dom::focus_heading(heading);
            } else {
                errors.set(field_errors(&for_submit, &problems));
            }
            return;
        }
        let (Some(pathway), Some(mut session)) =
            (state.pathway.get_untracked(), state.session.get_untracked())
        else {
            return;
        };
        // While an earlier answer is being changed the walk is not at that step, so only an
        // always-required text is known to be required; the walker checks the rest.
        let required = match (&for_submit.kind, state.changing.get_untracked()) {
            (StepKind::Text { required: Requirement::Always }, _) => true,
            (_, None) => session.text_required(&pathway).unwrap_or(false),
            (_, Some(_)) => false,
        };
        let answer = match draft.get_untracked().check(&for_submit, required) {
            Ok(a) => a,
            Err(problems) => return errors.set(field_errors(&for_submit, &problems)),
        };
        let result = match state.changing.get_untracked() {
            Some(step) => session.change(&pathway, step.as_str(), answer).map(|c| c.interrupts),
            None => session.answer(&pathway, answer),
        };
        match result {
            Ok(interrupts) => {
                state.changing.set(None);
                state.prefill.set(None);
                state.session.set(Some(session));
                state.advance(interrupts);
            }
            // Only a walk that changed under the page (say, in another tab) gets here.
            Err(e) => errors.set(error(first_field(&for_submit), e.to_string())),
        }
    };
    let back = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if topic.get_untracked() > 0 {
            errors.set(Vec::new());
            topic.update(|t| *t -= 1);
            dom::focus_heading(heading);
            return;
        }
        if state.changing.get_untracked().is_some() {
            state.changing.set(None);
            state.prefill.set(None);
            state.screen.set(Screen::Check);
            return;
        }
        let Some(mut session) = state.session.get_untracked() else { return };
        match session.back() {
            Some((_, answer)) => {
                state.prefill.set(Some(answer));
                state.session.set(Some(session));
            }
            None => state.screen.set(Screen::Start),
        }
    };

    let caption = progress.map(|(n, low, high)| {
        let about = if low == high {
            format!("Question {n} of {high}")
        } else {
            format!("Question {n} of about {low} to {high}")
        };
        view! { <span class="govuk-caption-m" data-testid="progress">{about}</span> }
    });
    let error_summary = move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="govuk-error-summary" tabindex="-1" node_ref=summary data-testid="error-summary">
                    <div role="alert">
                        <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                        <div class="govuk-error-summary__body">
                            <ul class="govuk-list govuk-error-summary__list">
                                {list
                                    .into_iter()
                                    .map(|e| {
                                        let field = e.field.clone();
                                        view! {
                                            <li>
                                                <a href=format!("#{}", e.field) on:click=move |ev| {
                                                    ev.prevent_default();
                                                    dom::focus_id(&field);
                                                }>{e.message}</a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    </div>
                </div>
            }
        })
    };
    view! {
        <a href="" class="govuk-back-link" data-testid="back" on:click=back>"Back"</a>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds-from-desktop">
                {error_summary}
                <form novalidate on:submit=submit data-testid="question" data-step=step.id.to_string()>
                    {caption}
                    {fields(&step, draft, errors, heading, topic)}
                    <button type="submit" class="govuk-button" data-testid="continue">"Continue"</button>
                </form>
            </div>
        </div>
    }
    .into_any()
}

/// The inline error for one field, if there is one.
fn inline_error(errors: RwSignal<Vec<FieldError>>, field: String) -> impl IntoView {
    move || {
        errors.get().into_iter().find(|e| e.field == field).map(|e| {
            view! {
                <p class="govuk-error-message">
                    <span class="govuk-visually-hidden">"Error: "</span>
                    {e.message}
                </p>
            }
        })
    }
}

fn group_class(errors: RwSignal<Vec<FieldError>>, field: String) -> impl Fn() -> &'static str {
    move || {
        if errors.get().iter().any(|e| e.field == field) {
            "govuk-form-group govuk-form-group--error"
        } else {
            "govuk-form-group"
        }
    }
}

fn hint_view(step: &Step) -> impl IntoView {
    step.hint.clone().map(|h| view! { <div class="govuk-hint" id="answer-hint">{h}</div> })
}

fn body_view(step: &Step) -> impl IntoView {
    step.body.iter().map(|p| view! { <p class="govuk-body">{p.clone()}</p> }).collect_view()
}

/// The legend of a one-question page is its heading.
fn legend(step: &Step, heading: NodeRef<leptos::html::H1>) -> impl IntoView {
    view! {
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--l">
            <h1 class="govuk-fieldset__heading" tabindex="-1" node_ref=heading>{step.title.clone()}</h1>
        </legend>
    }
}

fn fields(
    step: &Step,
    draft: RwSignal<Entry>,
    errors: RwSignal<Vec<FieldError>>,
    heading: NodeRef<leptos::html::H1>,
    topic: RwSignal<usize>,
) -> AnyView {
    match &step.kind {
        StepKind::YesNo { allowed, .. } => {
            let choices: Vec<(String, String, Option<String>)> =
                allowed.iter().map(|r| (r.id().to_owned(), r.label().to_owned(), None)).collect();
            let selected = move || match draft.get() {
                Entry::Reply(Some(r)) => Some(r.id().to_owned()),
                _ => None,
            };
            let choose = move |v: String| draft.set(Entry::Reply(Reply::from_id(&v)));
            radio_question(step, choices, selected, choose, errors, heading)
        }
        StepKind::SingleChoice { options } => {
            let choices =
                options.iter().map(|o| (o.id.to_string(), o.label.clone(), o.hint.clone())).collect();
            let selected = move || match draft.get() {
                Entry::Choice(Some(o)) => Some(o.to_string()),
                _ => None,
            };
            let choose = move |v: String| draft.set(Entry::Choice(Some(OptionId::new(v))));
            radio_question(step, choices, selected, choose, errors, heading)
        }
        StepKind::MultipleChoice { options } => {
            let boxes = options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let id = format!("answer-{i}");
                    let value = o.id.clone();
                    let exclusive = o.exclusive;
                    let checked = {
                        let value = value.clone();
                        move || matches!(draft.get(), Entry::Choices(c) if c.contains(&value))
                    };
                    let toggle = {
                        let (value, step) = (value.clone(), step.clone());
                        move |ev: leptos::ev::Event| {
                            let ticked = event_target_checked(&ev);
                            draft.update(|d| d.toggle(&step, &value, ticked))
                        }
                    };
                    let divider = (exclusive && i > 0).then(|| view! { <div class="govuk-checkboxes__divider">"or"</div> });
                    view! {
                        {divider}
                        <div class="govuk-checkboxes__item">
                            <input class="govuk-checkboxes__input" id=id.clone() name="answer" type="checkbox" value=value.to_string()
                                prop:checked=checked on:change=toggle/>
                            <label class="govuk-label govuk-checkboxes__label" for=id.clone()>{o.label.clone()}</label>
                            {o.hint.clone().map(|h| view! { <div class="govuk-hint govuk-checkboxes__hint">{h}</div> })}
                        </div>
                    }
                })
                .collect_view();
            choice_fieldset(step, "govuk-checkboxes", boxes.into_any(), errors, heading)
        }
        StepKind::Checklist { items, .. } => {
            let total = items.len();
            let for_page = step.clone();
            let page = move || {
                let step = &for_page;
                let topics = step.kind.topics();
                let at = topic.get().min(topics.len().saturating_sub(1));
                // Items are numbered through the whole checklist, as the core numbers them.
                let first_number = topics.iter().take(at).map(|(_, items)| items.len()).sum::<usize>();
                let (title, items) = topics.into_iter().nth(at)?;
                let count = step.kind.topics().len();
                let part = (count > 1).then(|| {
                    view! {
                        <h2 class="govuk-heading-m" data-testid="topic" data-topic=format!("{}/{count}", at + 1)>
                            <span class="govuk-caption-m">{format!("Part {} of {count}", at + 1)}</span>
                            {title.map(str::to_owned)}
                        </h2>
                    }
                });
                let rows = items
                    .into_iter()
                    .enumerate()
                    .map(|(n, item)| checklist_item(item, first_number + n + 1, draft, errors))
                    .collect_view();
                Some(view! {
                    {part}
                    <div class="pw-checklist">{rows}</div>
                })
            };
            let answered = move || format!("{} of {total} questions answered", draft.with(Entry::answered));
            view! {
                <h1 class="govuk-heading-l" tabindex="-1" node_ref=heading>{step.title.clone()}</h1>
                {hint_view(step)}
                {body_view(step)}
                <p class="govuk-body-s" role="status" data-testid="answered">{answered}</p>
                {page}
            }
            .into_any()
        }
        StepKind::Number { unit, .. } => {
            let value = move || match draft.get() {
                Entry::Number(t) => t,
                _ => String::new(),
            };
            let input = view! {
                <div class="govuk-input__wrapper">
                    <input class="govuk-input govuk-input--width-4" id="answer" name="answer" type="text" inputmode="numeric"
                        autocomplete="off" spellcheck="false" aria-describedby="answer-hint"
                        prop:value=value on:input=move |ev| draft.set(Entry::Number(event_target_value(&ev)))/>
                    {unit.clone().map(|u| view! { <div class="govuk-input__suffix" aria-hidden="true">{u}</div> })}
                </div>
            };
            labelled_field(step, input.into_any(), errors, heading)
        }
        StepKind::Text { .. } => {
            let value = move || match draft.get() {
                Entry::Text(t) => t,
                _ => String::new(),
            };
            let textarea = view! {
                <textarea class="govuk-textarea" id="answer" name="answer" rows="5" aria-describedby="answer-hint"
                    autocomplete="off" prop:value=value on:input=move |ev| draft.set(Entry::Text(event_target_value(&ev)))></textarea>
            };
            labelled_field(step, textarea.into_any(), errors, heading)
        }
        StepKind::Info => view! {
            <h1 class="govuk-heading-l" tabindex="-1" node_ref=heading>{step.title.clone()}</h1>
            {hint_view(step)}
            {body_view(step)}
        }
        .into_any(),
    }
}

/// One checklist item: its number and text as the legend, and the four answers in a compact
/// grid (two by two on a phone).
fn checklist_item(
    item: &pathway_core::ChecklistItem,
    number: usize,
    draft: RwSignal<Entry>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView + use<> {
    let first = format!("item-{}-0", item.id);
    let radios = Reply::ALL
        .iter()
        .enumerate()
        .map(|(k, reply)| {
            let id = format!("item-{}-{k}", item.id);
            let item_id = item.id.clone();
            let reply = *reply;
            let checked = {
                let item_id = item_id.clone();
                move || matches!(draft.get(), Entry::Checklist(m) if m.get(&item_id) == Some(&reply))
            };
            view! {
                <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id=id.clone() name=format!("item-{}", item.id) type="radio"
                        value=reply.id() prop:checked=checked
                        on:change=move |_| draft.update(|d| {
                            if let Entry::Checklist(m) = d {
                                m.insert(item_id.clone(), reply);
                            }
                        })/>
                    <label class="govuk-label govuk-radios__label" for=id>{reply.label()}</label>
                </div>
            }
        })
        .collect_view();
    let group = group_class(errors, first.clone());
    view! {
        <div class=group data-testid="checklist-item">
            <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                    {format!("{number}. {}", item.text)}
                </legend>
                {item.hint.clone().map(|h| view! { <div class="govuk-hint">{h}</div> })}
                {inline_error(errors, first)}
                <div class="govuk-radios govuk-radios--small govuk-radios--inline pw-answer-grid">{radios}</div>
            </fieldset>
        </div>
    }
}

fn radio_question(
    step: &Step,
    choices: Vec<(String, String, Option<String>)>,
    selected: impl Fn() -> Option<String> + Clone + Send + Sync + 'static,
    choose: impl Fn(String) + Clone + Send + Sync + 'static,
    errors: RwSignal<Vec<FieldError>>,
    heading: NodeRef<leptos::html::H1>,
) -> AnyView {
    let radios = choices
        .into_iter()
        .enumerate()
        .map(|(i, (value, label, hint))| {
            let id = format!("answer-{i}");
            let checked = {
                let selected = selected.clone();
                let value = value.clone();
                move || selected().as_deref() == Some(value.as_str())
            };
            let choose = choose.clone();
            let chosen = value.clone();
            view! {
                <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id=id.clone() name="answer" type="radio" value=value
                        prop:checked=checked on:change=move |_| choose(chosen.clone())/>
                    <label class="govuk-label govuk-radios__label" for=id>{label}</label>
                    {hint.map(|h| view! { <div class="govuk-hint govuk-radios__hint">{h}</div> })}
                </div>
            }
        })
        .collect_view();
    choice_fieldset(step, "govuk-radios", radios.into_any(), errors, heading)
}

/// A one-question page with a single control: the question is its label, and the label the
/// page's heading.
fn labelled_field(
    step: &Step,
    control: AnyView,
    errors: RwSignal<Vec<FieldError>>,
    heading: NodeRef<leptos::html::H1>,
) -> AnyView {
    view! {
        <div class=group_class(errors, "answer".into())>
            <h1 class="govuk-label-wrapper" tabindex="-1" node_ref=heading>
                <label class="govuk-label govuk-label--l" for="answer">{step.title.clone()}</label>
            </h1>
            {hint_view(step)}
            {inline_error(errors, "answer".into())}
            {control}
        </div>
    }
    .into_any()
}

/// A one-question page of radios or checkboxes: the question is the legend, and the legend the
/// page's heading.
fn choice_fieldset(
    step: &Step,
    class: &'static str,
    choices: AnyView,
    errors: RwSignal<Vec<FieldError>>,
    heading: NodeRef<leptos::html::H1>,
) -> AnyView {
    view! {
        <div class=group_class(errors, "answer-0".into())>
            <fieldset class="govuk-fieldset" aria-describedby="answer-hint">
                {legend(step, heading)}
                {hint_view(step)}
                {body_view(step)}
                {inline_error(errors, "answer-0".into())}
                <div class=class>{choices}</div>
            </fieldset>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn durham() -> pathway_core::Pathway {
        pathway_core::Pathway::from_yaml(include_str!("../../pathways/durham/pathway.yaml"))
            .expect("Durham loads")
    }

    #[test]
    fn every_problem_is_worded_and_tied_to_the_control_to_focus() {
        let p = durham();
        let step = |id: &str| p.step(id).expect("a step").clone();
        let checklist = step("risk_checklist");
        let problems = Entry::new(&checklist, None).check(&checklist, false).expect_err("nothing answered");
        let errors = field_errors(&checklist, &problems);
        assert_eq!(errors.len(), 24, "one error per unanswered item");
        assert_eq!(errors[0].field, "item-injured-0");
        assert!(errors[0].message.starts_with("Answer question 1: "));

        let kinds = step("abuse_types");
        let problems = Entry::new(&kinds, None).check(&kinds, false).expect_err("nothing ticked");
        let errors = field_errors(&kinds, &problems);
        assert_eq!(errors[0].field, "answer-0");
        assert!(
            errors[0].message.starts_with("Select all that apply, or select ‘None yet"),
            "{}",
            errors[0].message
        );

        let danger = step("immediate_danger");
        let errors =
            field_errors(&danger, &Entry::new(&danger, None).check(&danger, false).expect_err("empty"));
        assert_eq!(errors[0].message, "Select an answer");

        let incidents = step("incidents");
        for (typed, message) in [
            ("", "Enter a number"),
            ("three", "Enter a whole number, like 3"),
            ("400", "Enter a number from 0 to 365"),
        ] {
            let problems = Entry::Number(typed.into()).check(&incidents, false).expect_err("refused");
            assert_eq!(field_errors(&incidents, &problems), error("answer", message));
        }
        let reason = step("judgement_reason");
        let problems = Entry::Text(" ".into()).check(&reason, true).expect_err("required");
        assert_eq!(field_errors(&reason, &problems)[0].message, "Enter your answer: the referral needs it");
    }
}
