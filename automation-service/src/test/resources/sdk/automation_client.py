# The Python SDK example of the automation API document (AutomationClient), unchanged except that
# API_BASE and TOKEN come from the environment, plus a driver at the bottom that the tests (and the
# end-to-end module, through the gateway) run: list playbooks, run one, wait for completion.
import os
import sys

import requests
import time
from typing import Dict, List

API_BASE = os.environ.get('AUTOMATION_API_BASE', 'http://localhost:8080/api/v1')
TOKEN = os.environ.get('AUTOMATION_TOKEN', 'your-jwt-token')

class AutomationClient:
    def __init__(self, base_url: str, token: str):
        self.base_url = base_url
        self.headers = {
            'Authorization': f'Bearer {token}',
            'Content-Type': 'application/json'
        }
    
    def list_playbooks(self) -> List[Dict]:
        """列出所有 Playbooks"""
        response = requests.get(
            f'{self.base_url}/automation/ansible/playbooks',
            headers=self.headers
        )
        response.raise_for_status()
        return response.json()['data']['playbooks']
    
    def run_playbook(
        self,
        playbook_id: int,
        cluster_name: str,
        target_nodes: List[str],
        credential_id: int
    ) -> str:
        """执行 Playbook"""
        payload = {
            'playbook_id': playbook_id,
            'cluster_name': cluster_name,
            'target_nodes': target_nodes,
            'credential_id': credential_id
        }
        response = requests.post(
            f'{self.base_url}/automation/ansible/run',
            headers=self.headers,
            json=payload
        )
        response.raise_for_status()
        return response.json()['data']['task_id']
    
    def get_execution_status(self, task_id: str) -> Dict:
        """查询执行状态"""
        response = requests.get(
            f'{self.base_url}/automation/ansible/status/{task_id}',
            headers=self.headers
        )
        response.raise_for_status()
        return response.json()['data']
    
    def wait_for_completion(self, task_id: str, interval: int = 2) -> Dict:
        """轮询执行状态直到完成"""
        while True:
            status = self.get_execution_status(task_id)
            
            if status['status'] in ['completed', 'failed', 'cancelled']:
                return status
            
            print(f"Current status: {status['status']}")
            time.sleep(interval)


# Driver (not part of the SDK example): the example's main() with its ids taken from the environment.
def main():
    client = AutomationClient(API_BASE, TOKEN)
    playbooks = client.list_playbooks()
    print(f'Available playbooks: {len(playbooks)}')
    task_id = client.run_playbook(
        playbook_id=int(os.environ['PLAYBOOK_ID']),
        cluster_name=os.environ.get('CLUSTER_NAME', 'production'),
        target_nodes=os.environ.get('TARGET_NODES', 'node1,node2').split(','),
        credential_id=int(os.environ['CREDENTIAL_ID'])
    )
    print(f'Task started: {task_id}')
    result = client.wait_for_completion(task_id, interval=1)
    print(f'Execution completed: {result["status"]}')
    if result['status'] == 'completed':
        print(f'Success count: {result["success_count"]}')
        print(f'Failed count: {result["failed_count"]}')
    return 0 if result['status'] == 'completed' else 1


if __name__ == '__main__':
    sys.exit(main())
