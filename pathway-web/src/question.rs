//! One question per page, following the GOV.UK Design System's question pages.

use crate::{AppState, Screen, dom};
use leptos::prelude::*;
use pathway_core::{Answer, ItemId, OptionId, Position, Reply, Step, StepKind, WalkError};
use std::collections::BTreeMap;

/// What the practitioner has entered so far on this page.
#[derive(Clone, Debug, PartialEq)]
enum Draft {
    Reply(Option<Reply>),
    Choice(Option<OptionId>),
    Choices(Vec<OptionId>),
    Checklist(BTreeMap<ItemId, Reply>),
    Number(String),
    Text(String),
    Info,
}

impl Draft {
    fn new(kind: &StepKind, prefill: Option<&Answer>) -> Draft {
        match (kind, prefill) {
            (StepKind::YesNo { .. }, Some(Answer::Reply(r))) => Draft::Reply(Some(*r)),
            (StepKind::YesNo { .. }, _) => Draft::Reply(None),
            (StepKind::SingleChoice { .. }, Some(Answer::Choice(o))) => Draft::Choice(Some(o.clone())),
            (StepKind::SingleChoice { .. }, _) => Draft::Choice(None),
            (StepKind::MultipleChoice { .. }, Some(Answer::Choices(c))) => Draft::Choices(c.clone()),
            (StepKind::MultipleChoice { .. }, _) => Draft::Choices(Vec::new()),
            (StepKind::Checklist { .. }, Some(Answer::Checklist(m))) => Draft::Checklist(m.clone()),
            (StepKind::Checklist { .. }, _) => Draft::Checklist(BTreeMap::new()),
            (StepKind::Number { .. }, Some(Answer::Number(n))) => Draft::Number(n.to_string()),
            (StepKind::Number { .. }, _) => Draft::Number(String::new()),
            (StepKind::Text { .. }, Some(Answer::Text(t))) => Draft::Text(t.clone()),
            (StepKind::Text { .. }, _) => Draft::Text(String::new()),
            (StepKind::Info, _) => Draft::Info,
        }
    }
}

/// A problem with what was entered, and the element to focus to fix it.
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
        StepKind::Checklist { items } => {
            items.first().map(|i| format!("item-{}-0", i.id)).unwrap_or_default()
        }
        StepKind::Number { .. } | StepKind::Text { .. } => "answer".into(),
        _ => "answer-0".into(),
    }
}

/// Turns what was entered into an answer, or says in plain words what is missing.
fn to_answer(step: &Step, draft: &Draft) -> Result<Answer, Vec<FieldError>> {
    match (&step.kind, draft) {
        (_, Draft::Reply(Some(r))) => Ok(Answer::Reply(*r)),
        (_, Draft::Reply(None)) => Err(error("answer-0", "Select an answer")),
        (_, Draft::Choice(Some(o))) => Ok(Answer::Choice(o.clone())),
        (_, Draft::Choice(None)) => Err(error("answer-0", "Select an option")),
        (StepKind::MultipleChoice { options }, Draft::Choices(c)) if c.is_empty() => {
            let message = match options.iter().find(|o| o.exclusive) {
                Some(none) => format!("Select all that apply, or select ‘{}’", none.label),
                None => "Select at least one option".into(),
            };
            Err(error("answer-0", message))
        }
        (_, Draft::Choices(c)) => Ok(Answer::Choices(c.clone())),
        (StepKind::Checklist { items }, Draft::Checklist(m)) => {
            let missing: Vec<FieldError> = items
                .iter()
                .enumerate()
                .filter(|(_, item)| !m.contains_key(&item.id))
                .map(|(n, item)| FieldError {
                    field: format!("item-{}-0", item.id),
                    message: format!("Answer question {}: {}", n + 1, item.text),
                })
                .collect();
            if missing.is_empty() { Ok(Answer::Checklist(m.clone())) } else { Err(missing) }
        }
        (StepKind::Number { min, max, .. }, Draft::Number(text)) => match text.trim().parse::<i64>() {
            Ok(n) if (*min..=*max).contains(&n) => Ok(Answer::Number(n)),
            Ok(_) => Err(error("answer", format!("Enter a number from {min} to {max}"))),
            Err(_) if text.trim().is_empty() => Err(error("answer", "Enter a number")),
            Err(_) => Err(error("answer", "Enter a whole number, like 3")),
        },
        (_, Draft::Text(t)) => Ok(Answer::Text(t.clone())),
        _ => Ok(Answer::Continue),
    }
}

/// What the engine refused, in words for the practitioner.
fn plain_message(e: &WalkError) -> String {
    match e {
        WalkError::TextRequired { .. } => "Enter your answer: the referral needs it".into(),
        WalkError::TextTooLong { limit, .. } => format!("Your answer must be {limit} characters or fewer"),
        WalkError::ExclusiveWithOthers { .. } => {
            "‘None of these’ cannot be selected with other options".into()
        }
        other => other.to_string(),
    }
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
    let draft = RwSignal::new(Draft::new(&step.kind, prefill.as_ref()));
    let errors: RwSignal<Vec<FieldError>> = RwSignal::new(Vec::new());
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
        let answer = match to_answer(&for_submit, &draft.get_untracked()) {
            Ok(a) => a,
            Err(e) => return errors.set(e),
        };
        let (Some(pathway), Some(mut session)) =
            (state.pathway.get_untracked(), state.session.get_untracked())
        else {
            return;
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
            Err(e) => errors.set(error(first_field(&for_submit), plain_message(&e))),
        }
    };
    let back = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
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
                    {fields(&step, draft, errors, heading)}
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
    draft: RwSignal<Draft>,
    errors: RwSignal<Vec<FieldError>>,
    heading: NodeRef<leptos::html::H1>,
) -> AnyView {
    match &step.kind {
        StepKind::YesNo { allowed, .. } => {
            let choices: Vec<(String, String, Option<String>)> =
                allowed.iter().map(|r| (r.id().to_owned(), r.label().to_owned(), None)).collect();
            let selected = move || match draft.get() {
                Draft::Reply(Some(r)) => Some(r.id().to_owned()),
                _ => None,
            };
            let choose = move |v: String| draft.set(Draft::Reply(Reply::from_id(&v)));
            radio_question(step, choices, selected, choose, errors, heading)
        }
        StepKind::SingleChoice { options } => {
            let choices =
                options.iter().map(|o| (o.id.to_string(), o.label.clone(), o.hint.clone())).collect();
            let selected = move || match draft.get() {
                Draft::Choice(Some(o)) => Some(o.to_string()),
                _ => None,
            };
            let choose = move |v: String| draft.set(Draft::Choice(Some(OptionId::new(v))));
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
                        move || matches!(draft.get(), Draft::Choices(c) if c.contains(&value))
                    };
                    let toggle = {
                        let value = value.clone();
                        let exclusives: Vec<OptionId> = options.iter().filter(|o| o.exclusive).map(|o| o.id.clone()).collect();
                        move |_| {
                            draft.update(|d| {
                                if let Draft::Choices(c) = d {
                                    if c.contains(&value) {
                                        c.retain(|x| *x != value);
                                    } else if exclusive {
                                        *c = vec![value.clone()];
                                    } else {
                                        c.retain(|x| !exclusives.contains(x));
                                        c.push(value.clone());
                                    }
                                }
                            })
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
        StepKind::Checklist { items } => {
            let rows = items
                .iter()
                .enumerate()
                .map(|(n, item)| {
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
                                move || matches!(draft.get(), Draft::Checklist(m) if m.get(&item_id) == Some(&reply))
                            };
                            view! {
                                <div class="govuk-radios__item">
                                    <input class="govuk-radios__input" id=id.clone() name=format!("item-{}", item.id) type="radio"
                                        value=reply.id() prop:checked=checked
                                        on:change=move |_| draft.update(|d| {
                                            if let Draft::Checklist(m) = d {
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
                                    {format!("{}. {}", n + 1, item.text)}
                                </legend>
                                {inline_error(errors, first)}
                                <div class="govuk-radios govuk-radios--small govuk-radios--inline">{radios}</div>
                            </fieldset>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <h1 class="govuk-heading-l" tabindex="-1" node_ref=heading>{step.title.clone()}</h1>
                {hint_view(step)}
                {body_view(step)}
                <div class="pw-checklist">{rows}</div>
            }
            .into_any()
        }
        StepKind::Number { unit, .. } => {
            let value = move || match draft.get() {
                Draft::Number(t) => t,
                _ => String::new(),
            };
            let input = view! {
                <div class="govuk-input__wrapper">
                    <input class="govuk-input govuk-input--width-4" id="answer" name="answer" type="text" inputmode="numeric"
                        autocomplete="off" spellcheck="false" aria-describedby="answer-hint"
                        prop:value=value on:input=move |ev| draft.set(Draft::Number(event_target_value(&ev)))/>
                    {unit.clone().map(|u| view! { <div class="govuk-input__suffix" aria-hidden="true">{u}</div> })}
                </div>
            };
            labelled_field(step, input.into_any(), errors, heading)
        }
        StepKind::Text { .. } => {
            let value = move || match draft.get() {
                Draft::Text(t) => t,
                _ => String::new(),
            };
            let textarea = view! {
                <textarea class="govuk-textarea" id="answer" name="answer" rows="5" aria-describedby="answer-hint"
                    autocomplete="off" prop:value=value on:input=move |ev| draft.set(Draft::Text(event_target_value(&ev)))></textarea>
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
