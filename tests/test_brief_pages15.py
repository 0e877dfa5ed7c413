"""Issue 18, fifteenth round: patterns found on saved news pages of Brazilian public bodies
(2016) and English news sites. Every text here is invented."""

from __future__ import annotations

import pytest

from bot.briefs import make_brief
from bot.briefs.calls import calls_to_action
from bot.briefs.fitness import is_fit
from bot.sources.extract import extract_article

_PARAGRAPHS = [
    "O Conselho Superior aprovou nesta sexta-feira a resolução que regulamenta a segurança "
    "dos tribunais do trabalho em todo o país, com prazo de dois anos para as adaptações.",
    "O documento foi elaborado para padronizar as normas em nível nacional e atender a uma "
    "demanda antiga dos servidores que atuam na área de segurança dos tribunais.",
    "Com a decisão, os tribunais terão de rever as instalações, os equipamentos e os "
    "procedimentos de acesso aos prédios, segundo o texto aprovado pelo conselho.",
]


def _page(title: str, h1: str, *, description: str = "") -> str:
    body = "".join(f"<p>{text}</p>" for text in _PARAGRAPHS)
    meta = f'<meta property="og:description" content="{description}">' if description else ""
    return (
        f'<html lang="pt-br"><head><title>{title}</title>{meta}</head><body><article>'
        f"<h1>{h1}</h1>{body}</article></body></html>"
    )


def test_a_site_name_as_every_pages_title_gives_way_to_the_heading_the_slug_names() -> None:
    # The <title> is the court's name on every page; the URL's slug and the <h1> agree on
    # the story's headline.
    html = _page(
        "Tribunal Regional do Trabalho da 31ª Região - Pontal",
        "Conselho aprova resolução sobre segurança dos tribunais do trabalho",
    )
    url = "https://www.trt31.jus.br/10-noticias/7154-conselho-aprova-resolucao-sobre-seguranca"
    page = extract_article(html, url)
    assert page.title == "Conselho aprova resolução sobre segurança dos tribunais do trabalho"


def test_a_title_sharing_a_word_with_the_slug_keeps_its_place() -> None:
    # A slug is often the search-engine headline: the page's own headline stays.
    from bot.sources.headlines import slug_share

    url = "https://news.example.org/2017/global-warming-effects-human-health"
    assert slug_share("Here's what global warming does to your body", url) == pytest.approx(2 / 7)
    assert slug_share("Anything", "https://news.example.org/story/166322/visualizar") is None
    # The site's own name in its paths names no headline: "bbc" counts against the title.
    share = slug_share("BBC News Magazine", "https://bbc.example/bbc-news-magazine-night")
    assert share == pytest.approx(2 / 3)


@pytest.mark.parametrize("title", ["Notícias", "Noticias", "Nachrichten"])
def test_a_news_sections_name_in_other_languages_is_no_headline(title: str) -> None:
    page = extract_article(_page(title, title), "https://www.example.gov.br/noticia/166322")
    assert page.title.startswith("O Conselho Superior aprovou nesta sexta-feira")


def test_markup_written_into_the_description_does_not_hide_that_the_body_opens_on_it() -> None:
    # The description is the first paragraph, cut off, with its <p> written in as text: it
    # is no standfirst, and the tag never reaches the body or the brief.
    first = (
        "A Advocacia do Estado evitou que o instituto de transportes fosse condenado a pagar "
        "valores indevidos a um servidor aposentado que pedia a gratificação da ativa."
    )
    body = "".join(
        f"<p>{text}</p>"
        for text in [f"{first} A decisão foi tomada nesta terça-feira.", *_PARAGRAPHS]
    )
    html = (
        '<html lang="pt-br"><head><title>Advocacia evita pagamento indevido</title>'
        f'<meta property="og:description" content="&lt;p&gt;{first} A decisão foi"></head>'
        f"<body><article><h1>Advocacia evita pagamento indevido</h1>{body}</article></body></html>"
    )
    page = extract_article(html, "https://www.example.gov.br/noticias/advocacia-evita-pagamento")
    assert "<p>" not in page.body
    assert page.body.startswith(f"{first} A decisão")


@pytest.mark.parametrize(
    ("sentence", "abbreviation"),
    [
        (
            "O presidente do Tribunal Eleitoral da Serra, Des. Osvaldo Ramos Lima, empossou "
            "hoje a advogada Denise Barros como juíza titular da corte.",
            "Des.",
        ),
        (
            "A primeira palestra do dia foi ministrada pela Dra. Carolina Lemos, mestre em "
            "odontologia, no auditório da entidade.",
            "Dra.",
        ),
        (
            "A matéria acrescenta o art. 1º A à Lei nº 19.226, de 4 de março de 2016, sobre "
            "incentivos fiscais à indústria de bebidas.",
            "art.",
        ),
    ],
)
def test_portuguese_titles_and_a_laws_article_do_not_end_a_sentence(
    sentence: str, abbreviation: str
) -> None:
    body = " ".join(
        [
            sentence,
            "O projeto foi votado nesta terça-feira no plenário com ampla maioria dos votos.",
            "A sessão foi acompanhada por representantes de entidades do setor e da imprensa.",
        ]
    )
    brief = make_brief("Juíza reconduzida à corte eleitoral", body, language="portuguese")
    assert sentence in brief
    assert not any(line.endswith(abbreviation) for line in brief)


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        # A news section after the headline, in Portuguese, and the court's initials.
        (
            "Tribunal mantém multa a prefeito eleito - Mais Notícias - TRT31",
            "https://portal.trt31.jus.br/noticias/tribunal-mantem-multa",
            "Tribunal mantém multa a prefeito eleito",
        ),
        (
            "Fórum encerra a semana da criança - Notícias - TJPT",
            "https://www.tjpt.jus.br/noticia/123",
            "Fórum encerra a semana da criança",
        ),
        # A public body's name whose first words are its host's label.
        (
            "Núcleo da Defensoria atende idosos duas vezes por semana - Defensoria Pública do "
            "Estado de Pontal",
            "https://www.defensoriapublica.pt.gov.br/noticias/10926-nucleo-atende-idosos",
            "Núcleo da Defensoria atende idosos duas vezes por semana",
        ),
        # The court's initials before the headline, on a court's second-level domain.
        (
            "TRF9 - Tribunal concede a estudante o direito de se matricular fora do prazo",
            "https://portal.trf9.jus.br/noticias/tribunal-concede-matricula",
            "Tribunal concede a estudante o direito de se matricular fora do prazo",
        ),
    ],
)
def test_a_public_bodys_name_and_news_section_are_cut_from_the_title(
    title: str, url: str, expected: str
) -> None:
    page = extract_article(_page(title, "Menu"), url)
    assert page.title == expected


def test_a_post_at_the_sites_root_path_with_its_id_in_the_query_is_not_the_front_page() -> None:
    page = extract_article(
        _page(
            "Mutirão regulariza casas populares neste sábado",
            "Mutirão regulariza casas populares neste sábado",
        ),
        "https://www.defensoria.example.gov.br/?p=17038",
    )
    assert page.title == "Mutirão regulariza casas populares neste sábado"


def test_a_gallery_class_wrapping_the_story_and_its_heading_is_not_a_slideshow() -> None:
    # An unclosed list in the page's template nests the whole news item in a "gallery" div
    # with the site's icons: the story stays.
    body = "".join(f"<p><span>{text}</span></p>" for text in _PARAGRAPHS)
    html = (
        '<html lang="pt-br"><head><title>Conselho aprova resolução sobre segurança</title>'
        '</head><body><div class="blog_desc"><div class="gallery clearfix"><ul class="gallery">'
        "</ul><h4><span>21/10/2016</span> <strong>Conselho aprova resolução sobre segurança"
        f'</strong></h4><br>{body}<img src="/icons/print.png"></div></div></body></html>'
    )
    page = extract_article(html, "https://www.example.org.br/noticia_det.php?id=505")
    assert page.body.startswith("O Conselho Superior aprovou")


def test_a_call_to_click_a_link_is_no_brief_line() -> None:
    line = "Caso tenha interesse, o profissional deve clicar nesse link e ativar o acesso."
    assert calls_to_action(line)
    assert not calls_to_action("O serviço é oferecido pela seccional a todos os advogados.")


def test_a_hover_card_with_a_nickname_is_page_furniture() -> None:
    line = (
        "“We need a simpler tax system,” said committee Chairman Tom EllisThomas (Tom) Henry "
        "EllisThis week: Congress gets ball rolling on tax reform."
    )
    assert not is_fit(line)
    assert is_fit("“We need a simpler tax system,” said Chairman Tom Ellis (R-Wyo.).")


def test_revealed_before_a_headline_is_a_label() -> None:
    page = extract_article(
        _page("REVEALED: Council plan for the harbour finally becomes public", "Menu"),
        "https://news.example.org/2017/10/council-plan-harbour",
    )
    assert page.title == "Council plan for the harbour finally becomes public"


def test_where_to_learn_more_is_a_call_to_action() -> None:
    line = "For more information about free eye tests, call 410-555-0180 or visit www.example.org."
    assert calls_to_action(line)
    assert not calls_to_action("For more information on the virus, officials said, stay home.")


def test_a_photo_caption_in_the_present_tense_is_page_furniture() -> None:
    caption = "The county sheriff, Joe Lindqvist, speaks during a news conference at headquarters."
    assert not is_fit(caption)
    assert is_fit("Everyone who listens to her show compares her to the great radio hosts.")
    assert is_fit("The sheriff said the gunman had planned to survive the attack.")


def test_a_heading_above_the_text_names_a_page_whose_title_is_the_sites_name() -> None:
    body = "".join(f"<p>{text}</p>" for text in _PARAGRAPHS)
    heading = "Conselheiros da Câmara aplicam multas e analisam processos de prefeituras"
    html = (
        '<html lang="pt-br"><head><title>Tribunal de Contas do Pontal</title></head><body>'
        '<article><div class="imgInside"><img src="/thumb/1.jpg"></div><div>'
        f'<h3 style="text-align: left;">{heading}</h3><div class="data-autor"><small>25/10/2016'
        f"</small></div><div>{body}</div></div></article></body></html>"
    )
    assert extract_article(html, "https://www.tc.example.gov.br/noticia/123").title == heading
    # A byline above the text is no headline.
    html = html.replace(heading, "By MARTA LINDQVIST, Pontal News Service")
    page = extract_article(html, "https://www.tc.example.gov.br/noticia/123")
    assert page.title == "Tribunal de Contas do Pontal"


def test_a_name_after_a_sentences_opening_but_is_introduced_there() -> None:
    # "But Stephen Vale, 64, …" introduces Vale: a brief with "Vale also appears …" shows
    # that line too (and it, the one before it).
    lines = [
        "The gunman who fired on a harbour festival also studied other outdoor concerts in "
        "recent months, a police official with knowledge of the inquiry said Thursday.",
        "But Stephen Vale, 64, of Port Ellis, does not appear to have travelled to most of "
        "those places, said the official, who was not allowed to speak publicly.",
        "Vale also appears to have spent much of September at the harbour casinos, where he "
        "was seen gambling in the weeks before the attack, staff said.",
        "Officials have struggled to find a motive for the attack on the harbour festival crowd.",
        "In the first week of August, Vale reserved rooms at a hotel overlooking a music "
        "festival in the capital, a police source said.",
        "Vale appears to have been at the harbour casinos from September 14 to 28, according "
        "to records reviewed by casino staff.",
        "Investigators are still searching his home and two cars for notes about his plans.",
    ]
    for count in (2, 3):
        brief = make_brief(
            "Harbour gunman studied other concerts", " ".join(lines), sentences=count
        )
        if lines[2] in brief:
            assert lines[1] in brief


def test_a_bracketed_pointer_to_another_page_is_a_call_to_action() -> None:
    assert calls_to_action(
        "The first plan was unveiled by the speaker this month (you can read about it here)."
    )
    assert not calls_to_action("The plan (see the chart) was unveiled here on Monday.")
