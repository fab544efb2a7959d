"""Upload (internal edition, data managers only): check files, see the change, teach a wording,
confirm, load and publish."""
from i18n import N_
from ui import page
from ui.sections import intro, upload_confirm, upload_files, upload_review

page.run(
    upload_files.signed_in,  # before anything else is drawn or read
    intro.section(N_("Upload files")),
    upload_files.render,
    upload_review.render,
    upload_confirm.render,
)
