"""The plan builder's part for people: the persons list and the participants."""

from __future__ import annotations

from dataclasses import replace

from cdo_desktop.core.diff import match_rows
from cdo_desktop.core.model import Person, Project
from cdo_desktop.exchange.import_changes import Action, BuilderBase, Section, _same_text
from cdo_desktop.exchange.import_incoming import Incoming


class PeopleBuilder(BuilderBase):
    incoming: Incoming

    def _persons(self, project: Project) -> None:
        incoming = self.incoming
        olds = list(project.persons)
        if incoming.persons is not None:
            news = incoming.persons
        elif incoming.passport_persons:
            # Passport rows replace the person of their role in place; nobody else leaves.
            news = list(olds)
            for person, position_given in incoming.passport_persons:
                slot = next((i for i, p in enumerate(news) if p.role == person.role), None)
                if slot is None:
                    news.append(person)
                    continue
                before = news[slot]
                same = _same_text(before.name, person.name)
                news[slot] = replace(
                    before,
                    name=before.name if same else person.name,
                    position=person.position if position_given else before.position,
                    contacts=before.contacts if same else "",
                )
        else:
            return
        found, left = match_rows(
            olds,
            news,
            lambda p: (p.role, p.name),
            lambda p: (p.role, p.name),
        )
        result: list[Person] = []
        for person, old_index in zip(news, found, strict=True):
            title = f"{person.role} {person.name}"
            if old_index is None:
                result.append(replace(person, id=None))
                self.change(Action.ADD, Section.PERSONS, title)
                continue
            old = olds[old_index]
            merged = replace(old)
            for key in ("role", "name", "position", "contacts"):
                before, after = getattr(old, key), getattr(person, key)
                if not _same_text(before, after):
                    setattr(merged, key, after)
                    self.change(
                        Action.CHANGE,
                        Section.PERSONS,
                        f"{old.role} {old.name}",
                        field=key,
                        old=before,
                        new=after,
                    )
            for key in incoming.person_fields:  # the 2025–2030 passport's, where given
                setattr(merged, key, getattr(person, key))
            result.append(merged)
        kept: list[tuple[int, Person]] = []
        for index in left:
            old = olds[index]
            if self.remove_missing:
                self.change(Action.REMOVE, Section.PERSONS, f"{old.role} {old.name}")
            else:
                kept.append((index, old))
        project.persons = self._finish(Section.PERSONS, result, found, kept)

    def _participants(self, project: Project) -> None:
        news = self.incoming.participants
        if news is None:
            return
        olds = project.participants
        found, left = match_rows(olds, news, lambda n: ("", n), lambda n: ("", n))
        result: list[str] = []
        for name, old_index in zip(news, found, strict=True):
            if old_index is None:
                result.append(name)
                self.change(Action.ADD, Section.PARTICIPANTS, name)
            else:
                result.append(olds[old_index] if _same_text(olds[old_index], name) else name)
        kept: list[tuple[int, str]] = []
        for index in left:
            if self.remove_missing:
                self.change(Action.REMOVE, Section.PARTICIPANTS, olds[index])
            else:
                kept.append((index, olds[index]))
        project.participants = self._finish(Section.PARTICIPANTS, result, found, kept)
