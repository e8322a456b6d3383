package com.cloudquant.liberator.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void controlCharactersAndTerminalSequencesBecomeVisibleEscapes() {
        assertThat(Printable.line("\u001b[2Jcleared")).isEqualTo("\\u001b[2Jcleared");
        assertThat(Printable.line("x\r\nevent=forged")).isEqualTo("x\\u000d\\u000aevent=forged");
        assertThat(Printable.line("\u009b31m\u007f\u0085")).isEqualTo("\\u009b31m\\u007f\\u0085");
        assertThat(Printable.line("abc\u202egpj.exe\u2066")).isEqualTo("abc\\u202egpj.exe\\u2066");
        assertThat(Printable.line("Ünïcödé names stay, tabs\tdo not")).isEqualTo("Ünïcödé names stay, tabs\\u0009do not");
        assertThat(Printable.line(null)).isEqualTo("null");
    }

    @Test
    void aLogFieldValueCannotAddAFieldOfItsOwn() {
        assertThat(Printable.value("alice")).isEqualTo("alice");
        assertThat(Printable.value("x decision=granted")).isEqualTo("\"x decision=granted\"");
        assertThat(Printable.value("a\\\" b")).isEqualTo("\"a\\\\\\\" b\"");
        assertThat(Printable.value("")).isEqualTo("\"\"");
        assertThat(Printable.value("\u001b[2J")).isEqualTo("\\u001b[2J");
        assertThat(Printable.value("x\r\ny=1")).isEqualTo("\"x\\u000d\\u000ay=1\"");
        // a name spelled with a backslash reads back differently from one holding the character it spells
        assertThat(Printable.value("x\\u001b")).isEqualTo("\"x\\\\u001b\"");
        assertThat(Printable.value("x\\u001b")).isNotEqualTo(Printable.value("x\u001b"));
    }
}
