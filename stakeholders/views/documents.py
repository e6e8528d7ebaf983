"""The documents section of the meeting and participation event pages: the documents live in the projects app
(projects/views/documents.py), reached here by their reverse relation and the upload page's address only."""

from django.urls import reverse


class DocumentsMixin:
    """The documents attached to the object (they live in the projects app, reached by their reverse relation)."""

    document_parameter = None

    def get_context_data(self, **kwargs):
        upload_url = f"{reverse('projects:document-create')}?{self.document_parameter}={self.object.pk}"
        return super().get_context_data(
            documents=self.object.documents.for_list(), document_upload_url=upload_url, **kwargs
        )
